using MicroCred.Domain.Evidence;
using MicroCred.Domain.Design;

namespace MicroCred.Application.Seeding;

/// <summary>The words of the demo credentials: written in the field's own terms, with real rubrics and evidence prompts.</summary>
public sealed partial class DesignSeed
{
    private const string Site = "https://springfield.example.org/pd";

    private static IEnumerable<CredentialContent> SpringfieldCredentials()
    {
        yield return DiscourseCredential();
        yield return EquitableCultureCredential();
        yield return VideoFeedbackCredential();
        yield return CollectiveLeadershipCredential();
        yield return GoingPublicCredential();
        yield return VirtualOrganizingCredential();
    }

    private static CredentialContent DiscourseCredential()
    {
        var video = Video("Classroom discussion video",
            "Record 10–15 minutes of a whole-class discussion you planned around one open question. Place the camera so that student voices " +
            "can be heard, not only yours. Follow the district's video consent procedure; blur or crop any student whose family has not consented.");
        var plan = Files("Discussion plan",
            "Upload the plan you taught from: the question you posed, the student strategies or interpretations you anticipated (including likely " +
            "misconceptions), the idea you wanted the discussion to reach, and the talk moves you intended to use.",
            FileKind.Pdf | FileKind.Document | FileKind.Image);
        var reflection = Reflection("Reflection on two moments",
            "Using timestamps from your video, analyse two moments where a talk move changed the direction of the discussion. What did students' " +
            "responses show about their reasoning? Whose voices were heard and whose were not? What will you do differently in the next discussion?",
            400, 800);
        return new CredentialContent(
            Name: Discourse,
            ShortDescription: "Orchestrate whole-class discussions in which students explain, question and build on one another's reasoning.",
            Competency: "The educator plans and facilitates whole-class discussions in which students make their reasoning public, respond directly " +
                "to one another's ideas and revise their thinking, using academic talk moves so that many students' voices contribute to the " +
                "class's understanding of an important idea.",
            KeyMethod: "Academic talk moves used inside a planned discussion. The educator anticipates how students will approach an open task, " +
                "poses a question that admits more than one approach, and steers the conversation with a small set of moves that press for " +
                "reasoning and connect students' ideas to each other and to the goal of the lesson.\n\n" +
                "The moves are simple; using them consistently, and giving the floor to students rather than evaluating each answer, is the skill.",
            KeyMethodComponents:
            [
                "Plan: anticipate student strategies and misconceptions and name the idea the discussion should reach.",
                "Pose an open question that admits more than one approach or interpretation.",
                "Wait time: pause 3–5 seconds after asking and after each student response.",
                "Revoice, and ask students to restate a classmate's reasoning in their own words.",
                "Press for reasoning: \"Why do you think that?\", \"Can you add on?\", \"Do you agree or disagree, and why?\"",
                "Set and revisit norms for respectful disagreement.",
            ],
            Research: "When students articulate, question and revise reasoning in discussion, their understanding deepens and transfers to new " +
                "problems. Studies of Accountable Talk in urban classrooms linked sustained, structured discussion to gains in achievement, " +
                "including for students who began behind their peers (Michaels, O'Connor & Resnick, 2008; Resnick, Asterhan & Clarke, 2015).\n\n" +
                "Teachers new to discussion-based teaching tend to fall back on initiate–respond–evaluate exchanges. Planning with anticipated " +
                "student thinking (Smith & Stein, 2011) and a small, explicit repertoire of talk moves (Chapin, O'Connor & Anderson, 2013) " +
                "make productive discussion learnable and repeatable.",
            Citations:
            [
                new("Michaels, S., O'Connor, C., & Resnick, L. B. (2008). Deliberative discourse idealized and realized: Accountable Talk in the classroom and in civic life. Studies in Philosophy and Education, 27(4), 283–297.", null),
                new("Chapin, S. H., O'Connor, C., & Anderson, N. C. (2013). Classroom Discussions in Math: A Teacher's Guide for Using Talk Moves to Support the Common Core and More (3rd ed.). Math Solutions.", null),
                new("Smith, M. S., & Stein, M. K. (2011). 5 Practices for Orchestrating Productive Mathematics Discussions. National Council of Teachers of Mathematics.", null),
                new("Resnick, L. B., Asterhan, C. S. C., & Clarke, S. N. (Eds.). (2015). Socializing Intelligence Through Academic Talk and Dialogue. American Educational Research Association.", null),
            ],
            Resources:
            [
                Resource("Talk Science Primer", ResourceKind.Article, "https://inquiryproject.terc.edu/shared/pd/TalkScience_Primer.pdf",
                    "TERC's short guide to talk moves, with classroom examples from science lessons."),
                Resource("Talk moves in a grade 5 fractions discussion", ResourceKind.Video, $"{Site}/discourse/fractions-discussion",
                    "An annotated 12-minute video from a Springfield classroom: watch for wait time, revoicing and \"add on\"."),
                Resource("Discussion planning template", ResourceKind.LessonPlan, $"{Site}/discourse/planning-template",
                    "One page: the question, anticipated responses, sequencing and planned moves."),
                Resource("Norms for disagreeing respectfully", ResourceKind.Activity, $"{Site}/discourse/norms-activity",
                    "A 20-minute opening activity in which students draft the class's discussion norms."),
            ],
            Prompts: [video, plan, reflection],
            Rubric: FourLevelRubric(
            [
                ("Planning for discourse", [plan],
                    "The plan names a topic but no question that admits more than one approach; student thinking is not anticipated.",
                    "The question is open, but anticipated responses are generic or the idea the discussion should reach is unclear.",
                    "The plan poses an open question, anticipates specific student strategies or misconceptions, and names the idea the discussion should reach.",
                    "As Proficient, and the plan sequences anticipated responses to build toward the goal and prepares moves for the likely misconceptions."),
                ("Use of talk moves", [video, reflection],
                    "The teacher does most of the talking; questions seek single answers and each response is evaluated by the teacher.",
                    "Some talk moves appear (for example wait time), but responses are directed at the teacher and reasoning is rarely pressed.",
                    "Wait time, revoicing and pressing for reasoning are used consistently; several students explain their thinking in their own words.",
                    "Talk moves are fluid and selective; students address one another directly and build on or challenge peers' reasoning without prompting."),
                ("Equitable participation", [video],
                    "A few students dominate and no strategy to widen participation is evident.",
                    "The teacher invites more voices, but participation stays uneven and quieter students' ideas are not taken up.",
                    "Structures such as partner talk before sharing bring most students in, and quieter students' contributions are taken up by the class.",
                    "Participation is broad and balanced; the teacher deliberately positions students whose ideas are less often heard as contributors to the class's reasoning."),
                ("Reflection on evidence", [reflection],
                    "The reflection summarises the lesson without referring to specific moments or to what students said.",
                    "The reflection cites moments from the video but describes them rather than analysing their effect on students' thinking.",
                    "The reflection analyses two timestamped moments, connects talk moves to evidence of student reasoning and names a concrete next step.",
                    "As Proficient, and the reflection uses the research or resources to explain why moves worked or failed and plans a refined discussion."),
            ]),
            Alignments:
            [
                IsteStandard("2.6.a", "Facilitator", "Foster a culture where students take ownership of their learning goals and outcomes in both independent and group settings."),
                InTascStandard(8, "Instructional Strategies", "The teacher uses a variety of instructional strategies to encourage learners to develop deep understanding and to build skills to apply knowledge in meaningful ways."),
                InTascStandard(3, "Learning Environments", "The teacher works with others to create environments that support individual and collaborative learning, positive social interaction and active engagement."),
            ],
            EstimatedHours: 12,
            Tags: ["discourse", "talk moves", "questioning"],
            GradeBands: ["3-5", "6-8", "9-12"],
            Subjects: ["Mathematics", "Science", "English Language Arts"],
            ValidityMonths: 60);
    }

    private static CredentialContent EquitableCultureCredential()
    {
        var agreements = Files("Co-created classroom agreements",
            "Upload the agreements your class created together and a short note (a paragraph is enough) on how students took part in writing them " +
            "and when you revisit them.", FileKind.Pdf | FileKind.Document | FileKind.Image);
        var data = Files("Participation and discipline data",
            "Upload two snapshots, at least four weeks apart, of who participates and who is corrected or removed in your class, broken down by " +
            "student group (for example a participation tally and your referral log). Remove student names.",
            FileKind.Pdf | FileKind.Document | FileKind.Image | FileKind.Text);
        var reflection = Reflection("Reflection on patterns and changes",
            "What patterns did the first snapshot show, which practice did you change in response, and what does the second snapshot show? " +
            "Include what two students said about belonging in your class.", 500, 900);
        return new CredentialContent(
            Name: EquitableCulture,
            ShortDescription: "Build a classroom in which every student is known, expected to contribute and treated fairly, and check it with data.",
            Competency: "The educator establishes and sustains a classroom culture in which every student experiences belonging, high expectations " +
                "and fair treatment, and uses evidence of participation and discipline patterns across student groups to find and correct inequities.",
            KeyMethod: "A warm-demander stance carried out through co-created agreements, predictable routines and a regular equity check: the " +
                "educator looks at who participates, who is praised and who is corrected, by student group, and changes practice when patterns " +
                "show that some students are not being given the same chances to learn.",
            KeyMethodComponents:
            [
                "Learn every student's name, interests and strengths in the first weeks, and use them.",
                "Co-create classroom agreements with students and revisit them when they are broken.",
                "Hold high expectations with high support: \"I won't let you fail\" rather than lowered demands.",
                "Track participation, praise and correction by student group at least monthly.",
                "Respond to harm with repair (restorative conversations) rather than exclusion where safe to do so.",
            ],
            Research: "Students' sense of belonging predicts engagement and achievement, especially for students from groups who have been " +
                "marginalised in school. Culturally responsive and relevant teaching pairs high expectations with care (Ladson-Billings, 1995; " +
                "Hammond, 2015). Discipline is not applied evenly: Black students and students with disabilities are disciplined more often and " +
                "more harshly for similar behaviour, which contributes to achievement gaps (Gregory, Skiba & Noguera, 2010). Examining one's own " +
                "classroom data makes such patterns visible and changeable.",
            Citations:
            [
                new("Ladson-Billings, G. (1995). Toward a theory of culturally relevant pedagogy. American Educational Research Journal, 32(3), 465–491.", null),
                new("Hammond, Z. (2015). Culturally Responsive Teaching and the Brain. Corwin.", null),
                new("Gregory, A., Skiba, R. J., & Noguera, P. A. (2010). The achievement gap and the discipline gap: Two sides of the same coin? Educational Researcher, 39(1), 59–68.", null),
            ],
            Resources:
            [
                Resource("Warm demander: what it looks like", ResourceKind.Video, $"{Site}/equity/warm-demander",
                    "Three Springfield teachers on holding high expectations with high support, with classroom clips."),
                Resource("Participation tally sheet", ResourceKind.Activity, $"{Site}/equity/participation-tally",
                    "A seating-chart tally for one lesson, with a guide to summarising it by student group."),
                Resource("Co-creating classroom agreements", ResourceKind.LessonPlan, $"{Site}/equity/classroom-agreements",
                    "A two-lesson sequence for the first weeks of school, adaptable from grade 3 to grade 12."),
            ],
            Prompts: [agreements, data, reflection],
            Rubric: FourLevelRubric(
            [
                ("Shared expectations", [agreements],
                    "Rules are posted by the teacher; students had no part in them and they are not referred to.",
                    "Students contributed to the agreements, but they are rarely revisited or are enforced unevenly.",
                    "Agreements were co-created, are stated positively, and are revisited with the class when they are broken.",
                    "As Proficient, and students themselves refer to and uphold the agreements, including when repairing harm."),
                ("Using data to find inequities", [data, reflection],
                    "No participation or discipline data is presented, or it is not broken down by student group.",
                    "Data is collected and broken down, but patterns are described without a change in practice.",
                    "Two snapshots by student group show a pattern, a specific change in practice in response, and its effect.",
                    "As Proficient, and the educator triangulates the data with students' own accounts and shares what they learned with colleagues."),
                ("Belonging and student voice", [reflection],
                    "The reflection does not include students' perspectives.",
                    "Students' words are quoted but not connected to the practices examined.",
                    "Two students' accounts of belonging are analysed alongside the data and inform next steps.",
                    "As Proficient, and students help decide what changes next, with a plan to check again."),
            ]),
            Alignments:
            [
                IsteStandard("2.2.b", "Leader", "Advocate for equitable access to educational technology, digital content and learning opportunities to meet the diverse needs of all students."),
                IsteStandard("2.4.d", "Collaborator", "Demonstrate cultural competency when communicating with students, parents and colleagues and interact with them as co-collaborators in student learning."),
                InTascStandard(2, "Learning Differences", "The teacher uses understanding of individual differences and diverse cultures and communities to ensure inclusive learning environments that enable each learner to meet high standards."),
                InTascStandard(3, "Learning Environments", "The teacher works with others to create environments that support individual and collaborative learning, positive social interaction and active engagement."),
            ],
            EstimatedHours: 15,
            Tags: ["equity", "classroom culture", "belonging"],
            GradeBands: ["K-2", "3-5", "6-8", "9-12"],
            Subjects: ["All subjects"],
            ValidityMonths: 60);
    }

    private static CredentialContent VideoFeedbackCredential()
    {
        var clips = Video("Two annotated lesson clips",
            "Upload two clips (5–10 minutes each) of the same teaching practice, recorded at least three weeks apart. Add your own time-stamped " +
            "comments to each clip in the video platform or in an accompanying document.", 1024 * Megabyte);
        var feedback = Files("Feedback exchanged with a colleague",
            "Upload the written feedback you received from a colleague or coach on the first clip, and the feedback you gave them on a clip of " +
            "theirs. Feedback should quote moments by timestamp.", FileKind.Pdf | FileKind.Document | FileKind.Text);
        var reflection = Reflection("What changed between the clips",
            "Compare the two clips. Which moments show the change in your practice, what feedback prompted it, and what evidence do you see of " +
            "the effect on students?", 400, 700);
        return new CredentialContent(
            Name: VideoFeedback,
            ShortDescription: "Use video of your own teaching and a colleague's time-stamped feedback to improve one practice, and show the change.",
            Competency: "The educator uses video of their own teaching to notice and interpret classroom events, gives and receives specific, " +
                "evidence-based feedback with a colleague, and refines one instructional practice as a result, showing the change on video.",
            KeyMethod: "A video feedback cycle: record, annotate, exchange time-stamped feedback with a peer or coach against a named focus, plan " +
                "one change, record again. The focus stays narrow (one practice) so that feedback is specific and change is visible.",
            KeyMethodComponents:
            [
                "Choose one practice as the focus and a question about it.",
                "Record a lesson segment and annotate it yourself before anyone else sees it.",
                "Exchange feedback that quotes timestamps and describes what students did, not only what the teacher did.",
                "Plan one concrete change and try it for at least three weeks.",
                "Record again and compare the two clips against the focus question.",
            ],
            Research: "Watching video of one's own teaching develops \"professional vision\": the ability to notice and interpret what matters in " +
                "classroom interactions (Sherin & van Es, 2009). Teachers who analysed their own video with colleagues reported that it helped " +
                "them see their practice from students' perspective and prompted concrete changes (Tripp & Rich, 2012). Feedback tied to specific, " +
                "observable moments is more actionable than general judgements.",
            Citations:
            [
                new("Sherin, M. G., & van Es, E. A. (2009). Effects of video club participation on teachers' professional vision. Journal of Teacher Education, 60(1), 20–37.", null),
                new("Tripp, T. R., & Rich, P. J. (2012). The influence of video analysis on the process of teacher change. Teaching and Teacher Education, 28(5), 728–739.", null),
                new("Geller, A. (2020). Evidence of Practice: Playbook for Video-Powered Professional Learning. Edthena.", null),
            ],
            Resources:
            [
                Resource("Recording your classroom: a practical guide", ResourceKind.Article, $"{Site}/video/recording-guide",
                    "Camera placement, sound, consent and storage under the district's video policy."),
                Resource("Time-stamped feedback protocol", ResourceKind.Activity, $"{Site}/video/feedback-protocol",
                    "Notice, wonder, suggest: a 30-minute protocol for two colleagues and one clip."),
                Resource("A video cycle from start to finish", ResourceKind.Video, $"{Site}/video/cycle-example",
                    "A grade 7 teacher's two clips and the feedback between them, narrated."),
            ],
            Prompts: [clips, feedback, reflection],
            Rubric: FourLevelRubric(
            [
                ("Noticing and interpreting", [clips],
                    "Annotations describe what the teacher did without reference to students.",
                    "Annotations mention students but judge the lesson generally (\"went well\") rather than interpreting specific moments.",
                    "Annotations identify specific moments by timestamp and interpret what students' words or actions show.",
                    "As Proficient, and annotations weigh alternative interpretations and connect moments to the focus question."),
                ("Giving and using feedback", [feedback, reflection],
                    "Feedback given or received is general praise or criticism.",
                    "Feedback cites moments, but the change made does not follow from it.",
                    "Feedback given and received is specific and time-stamped, and the planned change follows from it.",
                    "As Proficient, and the feedback given to the colleague helped them make a change they describe."),
                ("Visible change in practice", [clips, reflection],
                    "The second clip shows no change in the focus practice.",
                    "The change is attempted in the second clip but inconsistently.",
                    "The second clip shows the change consistently, and the reflection points to its effect on students.",
                    "As Proficient, and the reflection sets a new focus question for the next cycle."),
            ], minimumTotal: 7),
            Alignments:
            [
                IsteStandard("2.1.a", "Learner", "Set professional learning goals to explore and apply pedagogical approaches made possible by technology and reflect on their effectiveness."),
                InTascStandard(9, "Professional Learning and Ethical Practice", "The teacher engages in ongoing professional learning and uses evidence to continually evaluate his/her practice and adapts practice to meet the needs of each learner."),
            ],
            EstimatedHours: 10,
            Tags: ["video", "feedback", "coaching", "reflection"],
            GradeBands: ["K-2", "3-5", "6-8", "9-12"],
            Subjects: ["All subjects"],
            ValidityMonths: 36);
    }

    private static CredentialContent CollectiveLeadershipCredential()
    {
        var agenda = Files("Team charter and meeting records",
            "Upload your team's charter (purpose, norms, roles, decision-making) and the agendas and notes of at least four meetings you facilitated.",
            FileKind.Pdf | FileKind.Document);
        var evidence = Files("Evidence of the team's impact",
            "Upload the student work or data the team examined at the start and at the end of its inquiry cycle, with a one-page summary of what changed.",
            FileKind.Pdf | FileKind.Document | FileKind.Image);
        var reflection = Reflection("Reflection on leading peers",
            "Describe a moment when the team disagreed or stalled. What did you do as facilitator, what happened, and what did you learn about " +
            "leading colleagues who are also your peers?", 500, 900);
        return new CredentialContent(
            Name: CollectiveLeadership,
            ShortDescription: "Lead a team of colleagues through an inquiry cycle on a shared problem of practice, with shared decisions and results.",
            Competency: "The educator facilitates a collaborative team of colleagues through a cycle of inquiry on a shared problem of student " +
                "learning, distributing leadership and decisions among its members and using evidence of student learning to judge the team's impact.",
            KeyMethod: "Facilitating a professional learning community through one inquiry cycle: agree a charter, choose a problem of practice " +
                "grounded in student work, try a common strategy, examine the results together, and decide what to keep. The facilitator's job " +
                "is to protect time, norms and focus, and to share the leading.",
            KeyMethodComponents:
            [
                "Agree a team charter: purpose, norms, roles and how decisions are made.",
                "Choose a problem of practice from student work or data, not from opinion.",
                "Use protocols (for example Looking at Student Work) to keep discussion on evidence.",
                "Rotate roles so that leadership is shared.",
                "Close the cycle: compare before and after evidence and decide what to keep.",
            ],
            Research: "Collaboration among teachers is associated with higher student achievement, particularly when teams focus on instruction " +
                "and assessment (Ronfeldt et al., 2015). Schools' social capital, the quality of relationships among teachers, predicts gains " +
                "beyond individual teachers' skill (Leana, 2011). Teacher leadership that is distributed and grounded in classroom practice is " +
                "more durable than leadership attached to a single role (York-Barr & Duke, 2004; Berry, Byrd & Wieder, 2013).",
            Citations:
            [
                new("Ronfeldt, M., Farmer, S. O., McQueen, K., & Grissom, J. A. (2015). Teacher collaboration in instructional teams and student achievement. American Educational Research Journal, 52(3), 475–514.", null),
                new("Leana, C. R. (2011). The missing link in school reform. Stanford Social Innovation Review, 9(4), 30–35.", "https://ssir.org/articles/entry/the_missing_link_in_school_reform"),
                new("York-Barr, J., & Duke, K. (2004). What do we know about teacher leadership? Findings from two decades of scholarship. Review of Educational Research, 74(3), 255–316.", null),
                new("Berry, B., Byrd, A., & Wieder, A. (2013). Teacherpreneurs: Innovative Teachers Who Lead But Don't Leave. Jossey-Bass.", null),
            ],
            Resources:
            [
                Resource("Team charter template", ResourceKind.Activity, $"{Site}/leadership/team-charter", "Purpose, norms, roles and decision rules on one page."),
                Resource("Looking at Student Work protocol", ResourceKind.Activity, $"{Site}/leadership/looking-at-student-work",
                    "A 45-minute protocol that keeps a team's conversation on evidence."),
                Resource("Facilitating peers: the first three meetings", ResourceKind.Video, $"{Site}/leadership/first-meetings",
                    "A Springfield team lead on setting norms and handling the first disagreement."),
            ],
            Prompts: [agenda, evidence, reflection],
            Rubric: FourLevelRubric(
            [
                ("Structures for collaboration", [agenda],
                    "Meetings have no charter or agenda; the team meets to share information.",
                    "A charter exists, but agendas drift from the problem of practice or roles are not used.",
                    "The charter is used: agendas serve the problem of practice, protocols structure discussion and roles rotate.",
                    "As Proficient, and members other than the facilitator lead meetings and revise the charter together."),
                ("Evidence-based inquiry", [evidence],
                    "The team's problem is not grounded in student work or data.",
                    "Student work or data frames the problem, but results at the end are not compared with the start.",
                    "Before and after evidence is compared and the team decides, on that evidence, what to keep.",
                    "As Proficient, and the team shares its findings beyond itself and plans a next cycle."),
                ("Leading peers", [reflection],
                    "The reflection does not address leading colleagues.",
                    "The reflection describes a difficulty without analysing the facilitator's choices.",
                    "The reflection analyses a real disagreement or stall, the facilitator's response and its effect on the team.",
                    "As Proficient, and draws a principle about distributed leadership the educator now applies."),
            ]),
            Alignments:
            [
                IsteStandard("2.2.a", "Leader", "Shape, advance and accelerate a shared vision for empowered learning with technology by engaging with education stakeholders."),
                IsteStandard("2.4.a", "Collaborator", "Dedicate planning time to collaborate with colleagues to create authentic learning experiences that leverage technology."),
                InTascStandard(10, "Leadership and Collaboration", "The teacher seeks appropriate leadership roles and opportunities to take responsibility for student learning, to collaborate with learners, families, colleagues and community members."),
            ],
            EstimatedHours: 20,
            Tags: ["teacher leadership", "collaboration", "PLC"],
            GradeBands: ["K-2", "3-5", "6-8", "9-12"],
            Subjects: ["All subjects"],
            ValidityMonths: null);
    }

    private static CredentialContent GoingPublicCredential()
    {
        var artifact = Link("Your public piece",
            "Link to a piece you published for an audience beyond your school: a blog post, an article, a recorded talk or a public lesson study " +
            "write-up. It must describe your own classroom practice with evidence of student learning.");
        var audience = Files("Evidence of engagement",
            "Upload evidence that the piece reached and engaged its audience: comments and your replies, invitations, or colleagues' accounts of " +
            "trying the practice.", FileKind.Pdf | FileKind.Image | FileKind.Document);
        var reflection = Reflection("Reflection on going public",
            "Why did you choose this practice and this audience? What did publishing, and the responses, teach you about your own practice?",
            300, 600);
        return new CredentialContent(
            Name: GoingPublic,
            ShortDescription: "Make one practice of your own public, with evidence of student learning, for colleagues beyond your school.",
            Competency: "The educator makes their classroom practice public for an audience beyond their school, describing a specific practice " +
                "and its effect on student learning with evidence, and engages with the responses of colleagues and the wider public.",
            KeyMethod: "Going public with pedagogy: choose one practice with evidence of its effect, write or record it for a defined audience, " +
                "publish it in a professional venue, and take part in the conversation it starts. Evidence and specificity, not opinion, make " +
                "the piece useful to other teachers.",
            KeyMethodComponents:
            [
                "Choose a practice you have evidence for, from your own classroom.",
                "Define the audience (teachers of a subject, families, policy makers) and the venue.",
                "Show, do not only tell: include student work, data or video (with consent).",
                "Publish under your name and respond to comments and questions.",
            ],
            Research: "Making teaching public is how a profession builds a shared, testable knowledge base: practice that stays private cannot be " +
                "examined, improved or reused (Hiebert, Gallimore & Stigler, 2002). Teachers who write and speak about their practice for " +
                "professional audiences also report stronger professional identity and influence on policy (Berry, Byrd & Wieder, 2013).",
            Citations:
            [
                new("Hiebert, J., Gallimore, R., & Stigler, J. W. (2002). A knowledge base for the teaching profession: What would it look like and how can we get one? Educational Researcher, 31(5), 3–15.", null),
                new("Berry, B., Byrd, A., & Wieder, A. (2013). Teacherpreneurs: Innovative Teachers Who Lead But Don't Leave. Jossey-Bass.", null),
            ],
            Resources:
            [
                Resource("From classroom to blog post", ResourceKind.Article, $"{Site}/public/classroom-to-blog",
                    "Structure, length and consent for a first post about your practice."),
                Resource("Publishing with student work: consent checklist", ResourceKind.Other, $"{Site}/public/consent-checklist",
                    "What you need before sharing student work or video outside the school."),
            ],
            Prompts: [artifact, audience, reflection],
            Rubric: FourLevelRubric(
            [
                ("Specific practice with evidence", [artifact],
                    "The piece shares opinions or general advice without describing the educator's own practice.",
                    "The piece describes a practice, but evidence of its effect on students is missing or anecdotal.",
                    "The piece describes a specific practice and shows its effect on student learning with evidence.",
                    "As Proficient, and the piece discusses limits and conditions so that readers can adapt it."),
                ("Engaging the audience", [audience],
                    "There is no evidence that the piece reached anyone.",
                    "The piece was read or viewed, but the educator did not engage with responses.",
                    "The educator responded to comments or questions and engaged with colleagues who tried the practice.",
                    "As Proficient, and the piece led to further invitations or collaborations."),
                ("Reflection", [reflection],
                    "The reflection restates the piece.",
                    "The reflection explains the choice of practice but not what publishing taught the educator.",
                    "The reflection explains the choices of practice and audience and what the responses taught the educator.",
                    "As Proficient, and plans how the educator will keep their practice public."),
            ]),
            Alignments:
            [
                IsteStandard("2.2.c", "Leader", "Model for colleagues the identification, exploration, evaluation, curation and adoption of new digital resources and tools for learning."),
                InTascStandard(10, "Leadership and Collaboration", "The teacher seeks appropriate leadership roles and opportunities to take responsibility for student learning, to collaborate with learners, families, colleagues and community members."),
            ],
            EstimatedHours: 8,
            Tags: ["teacher leadership", "writing", "public practice"],
            GradeBands: ["K-2", "3-5", "6-8", "9-12"],
            Subjects: ["All subjects"],
            ValidityMonths: null);
    }

    private static CredentialContent VirtualOrganizingCredential()
    {
        var community = Link("The community you organised",
            "Link to the online space (a discussion group, a scheduled chat, a shared project site) you organised for educators from more than one school.");
        var record = Files("Record of activity and outcomes",
            "Upload a summary of at least six weeks of activity: who took part, what was discussed or produced, and one outcome members acted on.",
            FileKind.Pdf | FileKind.Document | FileKind.Image);
        var reflection = Reflection("Reflection on organising",
            "How did you recruit and keep members engaged, and how did you share the organising? What would you do differently?", 300, 600);
        return new CredentialContent(
            Name: VirtualOrganizing,
            ShortDescription: "Organise an online community of educators from several schools around a shared question, and sustain it.",
            Competency: "The educator organises and sustains an online community of practice of educators from more than one school around a shared " +
                "question of teaching, using digital tools to convene members, distribute leadership and produce something members act on.",
            KeyMethod: "Community organising, online: identify a shared question, recruit through relationships, hold a regular rhythm of online " +
                "gatherings, and hand roles to members so the community does not depend on one person.",
            KeyMethodComponents:
            [
                "Name a question that educators in several schools share.",
                "Recruit through one-to-one conversations, not only announcements.",
                "Keep a regular rhythm (for example a monthly online chat) with a visible record.",
                "Invite members to lead sessions and produce shared resources.",
            ],
            Research: "Professional learning networks extend teachers' access to ideas and support beyond their school, and teachers value them most " +
                "when they are participatory rather than broadcast (Trust, Krutka & Carpenter, 2016). Communities of practice sustain themselves when " +
                "members take on roles and produce shared artefacts (Wenger, 1998).",
            Citations:
            [
                new("Trust, T., Krutka, D. G., & Carpenter, J. P. (2016). \"Together we are better\": Professional learning networks for teachers. Computers & Education, 102, 15–34.", null),
                new("Wenger, E. (1998). Communities of Practice: Learning, Meaning, and Identity. Cambridge University Press.", null),
            ],
            Resources:
            [
                Resource("Running an online educator chat", ResourceKind.Article, $"{Site}/organizing/online-chat-guide", "Formats, moderation and keeping a record."),
                Resource("One-to-one recruiting conversations", ResourceKind.Activity, $"{Site}/organizing/one-to-ones",
                    "The organiser's basic tool, adapted for recruiting colleagues."),
            ],
            Prompts: [community, record, reflection],
            Rubric: FourLevelRubric(
            [
                ("Convening and sustaining", [community, record],
                    "The space exists but there is no regular activity or members from only one school.",
                    "Activity is regular for a few weeks but depends entirely on the organiser.",
                    "Members from several schools take part regularly over six weeks and produce something members act on.",
                    "As Proficient, and members lead sessions and the community continues beyond the six weeks."),
                ("Reflection on organising", [reflection],
                    "The reflection lists activities without analysis.",
                    "The reflection describes recruitment but not how organising was shared.",
                    "The reflection analyses recruitment, engagement and the sharing of roles, with a plan to improve.",
                    "As Proficient, and connects the experience to principles of community organising the educator will reuse."),
            ]),
            Alignments:
            [
                IsteStandard("2.1.b", "Learner", "Pursue professional interests by creating and actively participating in local and global learning networks."),
                IsteStandard("2.4.c", "Collaborator", "Use collaborative tools to expand students' authentic, real-world learning experiences by engaging virtually with experts, teams and students, locally and globally."),
                InTascStandard(10, "Leadership and Collaboration", "The teacher seeks appropriate leadership roles and opportunities to take responsibility for student learning, to collaborate with learners, families, colleagues and community members."),
            ],
            EstimatedHours: 25,
            Tags: ["teacher leadership", "online community", "networks"],
            GradeBands: ["K-2", "3-5", "6-8", "9-12"],
            Subjects: ["All subjects"],
            ValidityMonths: null);
    }

    /// <summary>Published once, now retired: a tool the district no longer uses.</summary>
    private static CredentialContent WhiteboardCredential()
    {
        var lesson = Video("Lesson using the whiteboard", "Record a lesson segment in which students, not only you, use the interactive whiteboard.");
        var reflection = Reflection("Reflection", "How did the whiteboard change what students did in the lesson?", 200, 400);
        return new CredentialContent(
            Name: Whiteboard,
            ShortDescription: "Use the classroom's interactive whiteboard so that students manipulate and annotate content themselves.",
            Competency: "The educator uses the interactive whiteboard to have students manipulate, annotate and present content during lessons.",
            KeyMethod: "Student-operated whiteboard activities: sorting, annotating and presenting at the board.",
            KeyMethodComponents: ["Plan a student-operated activity.", "Rotate students to the board.", "Save and share the annotated board."],
            Research: "Interactive whiteboards support learning when students, not only teachers, interact with them (Higgins, Beauchamp & Miller, 2007).",
            Citations: [new("Higgins, S., Beauchamp, G., & Miller, D. (2007). Reviewing the literature on interactive whiteboards. Learning, Media and Technology, 32(3), 213–225.", null)],
            Resources: [Resource("Whiteboard activities library", ResourceKind.LessonPlan, $"{Site}/whiteboard/activities", "Retired with the 2019 whiteboards.")],
            Prompts: [lesson, reflection],
            Rubric: FourLevelRubric(
            [
                ("Student use of the board", [lesson],
                    "Only the teacher uses the board.", "Students use the board briefly to give answers.",
                    "Students manipulate and annotate content at the board as part of the task.", "Students use the board to present and critique one another's work."),
                ("Reflection", [reflection],
                    "The reflection does not address student activity.", "The reflection describes the activity.",
                    "The reflection analyses how the board changed what students did.", "As Proficient, with a plan to extend student use."),
            ]),
            Alignments: [IsteStandard("2.5.a", "Designer", "Use technology to create, adapt and personalize learning experiences that foster independent learning and accommodate learner differences and needs.")],
            EstimatedHours: 4,
            Tags: ["technology"],
            GradeBands: ["3-5", "6-8"],
            Subjects: ["All subjects"],
            ValidityMonths: 24);
    }

    /// <summary>Work in progress: the competency and method are written, the evidence and rubric are not yet.</summary>
    private static CredentialContent ExitTicketsDraft() => CredentialContent.Blank(ExitTickets, Rubric.DefaultLevelNames) with
    {
        ShortDescription = "Use short digital exit tickets to find out what each student learned today and adjust tomorrow's lesson.",
        Competency = "The educator designs exit tickets aligned to a lesson's learning goal, collects responses digitally, sorts them by " +
            "understanding and uses the result to plan the next lesson's grouping or reteaching.",
        KeyMethod = "Hinge questions and exit tickets (Wiliam, 2011) collected through a quick digital form.",
        KeyMethodComponents = ["Write one or two questions that distinguish understanding from common misconceptions.", "Sort responses into three piles before planning."],
        Research = "Formative assessment that changes the next lesson is among the most effective classroom practices (Wiliam, 2011).",
        Citations = [new("Wiliam, D. (2011). Embedded Formative Assessment. Solution Tree.", null)],
        Tags = ["formative assessment", "technology"],
        GradeBands = ["3-5", "6-8", "9-12"],
        Subjects = ["All subjects"],
        EstimatedHours = 6,
    };

    private static CredentialContent RestorativeCirclesCredential()
    {
        var video = Video("Circle video", "Record a full community-building or repair circle you facilitated in advisory (with consent).");
        var reflection = Reflection("Reflection", "What did the circle make possible that a whole-class discussion would not? What would you change?", 300, 600);
        return new CredentialContent(
            Name: RestorativeCircles,
            ShortDescription: "Facilitate restorative circles in advisory to build community and repair harm.",
            Competency: "The educator facilitates restorative circles in advisory, both to build community and to repair harm, following the circle's structure and keeping every voice safe.",
            KeyMethod: "The restorative circle: talking piece, opening, guiding questions in rounds, closing.",
            KeyMethodComponents: ["Open with a ritual and the circle's agreements.", "Use a talking piece and rounds.", "Close and follow up on commitments."],
            Research: "Restorative practices are associated with improved school climate and fewer exclusions when implemented consistently (Gregory et al., 2016).",
            Citations: [new("Gregory, A., Clawson, K., Davis, A., & Gerewitz, J. (2016). The promise of restorative practices to transform teacher-student relationships and achieve equity in school discipline. Journal of Educational and Psychological Consultation, 26(4), 325–353.", null)],
            Resources: [Resource("Circle keeper's guide", ResourceKind.Article, "https://shelbyville.example.org/pd/circles-guide", "Shelbyville's guide to running advisory circles.")],
            Prompts: [video, reflection],
            Rubric: FourLevelRubric(
            [
                ("Circle structure", [video],
                    "The circle lacks an opening, agreements or talking piece.", "The structure is present but rounds are skipped or dominated.",
                    "Opening, agreements, talking piece, rounds and closing are used and every student is invited to speak.", "As Proficient, and students co-facilitate parts of the circle."),
                ("Reflection", [reflection],
                    "The reflection describes the circle without analysis.", "The reflection names what went well or badly.",
                    "The reflection analyses what the circle made possible and plans a change.", "As Proficient, drawing on students' feedback."),
            ]),
            Alignments: [InTascStandard(3, "Learning Environments", "The teacher works with others to create environments that support individual and collaborative learning, positive social interaction and active engagement.")],
            EstimatedHours: 8,
            Tags: ["restorative practices", "advisory"],
            GradeBands: ["6-8", "9-12"],
            Subjects: ["Advisory"],
            ValidityMonths: 36);
    }

    private static CredentialContent SmallGroupReadingDraft() => CredentialContent.Blank(SmallGroupReading, Rubric.DefaultLevelNames) with
    {
        ShortDescription = "Form and re-form reading groups from assessment data and teach to each group's next step.",
        Competency = "The educator uses running records and phonics screeners to form flexible reading groups and plans instruction for each group's next step.",
        Tags = ["literacy", "small groups"],
        GradeBands = ["K-2"],
        Subjects = ["English Language Arts"],
    };
}
