using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Seeding;

/// <summary>
/// Springfield's assessment story: schools, qualified assessors, anchors for one credential, six months of scored
/// work (a quarter double-scored, one assessor drifting below the agreement threshold, disagreements adjudicated),
/// and today's queue: an overdue piece of work, a draft in progress, a disagreement waiting for its adjudicator,
/// fresh work waiting for an assessor. Everything goes through the domain, with timestamps in the past; the
/// random numbers are seeded, so every run tells the same story.
/// </summary>
internal sealed class AssessmentSeed(AppDbContext db, TenantContext tenant)
{
    // Names of their own, so they never collide with the catalog's demo credentials (whose prompts ask for files).
    public const string Discourse = DesignSeed.AccountableTalk;
    public const string Feedback = DesignSeed.FeedbackThatMoves;

    private readonly Random random = new(2026);
    private readonly Dictionary<(Guid, Guid), int> attempts = [];

    public async Task SeedAsync(District springfield, IReadOnlyDictionary<string, User> people, DateTimeOffset now, CancellationToken ct)
    {
        tenant.Set(springfield.Id, springfield.Slug);
        Guid Id(string email) => people[email].Id;
        var admin = Id("admin@springfield.test");
        var developer = Id("developer@springfield.test");
        Guid asa = Id("assessor@springfield.test"), morgan = Id("morgan.lee@springfield.test"), jordan = Id("jordan.kim@springfield.test"), pat = Id("pat.rivera@springfield.test");
        Guid erin = Id("earner@springfield.test"), casey = Id("casey.nguyen@springfield.test"), riley = Id("riley.chen@springfield.test"),
            sam = Id("sam.ortiz@springfield.test"), taylor = Id("taylor.brooks@springfield.test");
        var start = now.AddDays(-185);

        // Policy: blind review, a quarter double-scored (so six months give the report real numbers), no same-school assessing.
        var policy = DistrictPolicy.Default(springfield.Id);
        policy.ChangeAssessment(AssignmentMode.Automatic, 5, blindReview: true, doubleScoringPercent: 25, forbidSameSchool: true, 80, 80);
        db.DistrictPolicies.Add(policy);

        // Schools: not everyone has said which school they are from (Jordan has not).
        var schools = new[] { "Springfield Elementary", "Springfield Middle School", "Springfield High School", "Evergreen Terrace Elementary" }
            .ToDictionary(n => n, n => School.Create(springfield.Id, n, start));
        db.Schools.AddRange(schools.Values);
        var schoolOf = new Dictionary<Guid, Guid>
        {
            [erin] = schools["Springfield Elementary"].Id, [casey] = schools["Springfield Elementary"].Id,
            [riley] = schools["Springfield Middle School"].Id, [asa] = schools["Springfield Middle School"].Id,
            [sam] = schools["Springfield High School"].Id, [morgan] = schools["Springfield High School"].Id,
            [taylor] = schools["Evergreen Terrace Elementary"].Id, [pat] = schools["Evergreen Terrace Elementary"].Id,
        };
        foreach (var m in await db.Memberships.Where(m => m.TenantId == springfield.Id).ToListAsync(ct))
            if (schoolOf.TryGetValue(m.UserId, out var school)) m.AttendSchool(school);

        var conflict = ConflictDeclaration.Declare(springfield.Id, casey, jordan, "Jordan is my instructional coach.", start.AddDays(3));
        db.ConflictDeclarations.Add(conflict);

        var discourse = await CredentialAsync(springfield.Id, Discourse, developer, start, ct);
        var feedback = await CredentialAsync(springfield.Id, Feedback, developer, start, ct);

        // Asa, Morgan and Jordan are qualified for both; Pat is asked to calibrate on Discourse first.
        foreach (var assessor in new[] { asa, morgan, jordan })
            foreach (var credential in new[] { discourse.Credential, feedback.Credential })
                db.AssessorQualifications.Add(AssessorQualification.Qualify(springfield.Id, assessor, credential.Id, admin, start.AddDays(1)));
        db.AssessorQualifications.Add(AssessorQualification.RequireCalibration(springfield.Id, pat, discourse.Credential.Id, admin, now.AddDays(-6)));

        var assessors = new[] { asa, morgan, jordan };
        var pool = new AssessorPool(
            people.Values.Select(p => p.Id).Distinct().Select(id => new PoolMember(id, assessors.Contains(id) || id == pat, schoolOf.TryGetValue(id, out var s) ? s : null,
                assessors.Contains(id) ? new HashSet<Guid> { discourse.Credential.Id, feedback.Credential.Id } : [])),
            [conflict], policy.ForbidSameSchool);
        var loads = new Dictionary<Guid, AssessorLoad>();
        var sequences = new Dictionary<Guid, int>();
        var earners = new[] { erin, casey, riley, sam, taylor, pat };
        // Double-scored work goes to earners three assessors may take, so a disagreement always finds an adjudicator.
        var threeEligible = earners.Where(e => pool.Eligible(new ReviewSubject(Guid.Empty, e, discourse.Credential.Id)).Count >= 3).ToArray();

        // Six months of history: 8 Discourse and 4 Feedback submissions a month, scored within a few business days.
        var history = new List<(Submission Submission, Review Review)>();
        var days = (int)(now.AddDays(-12) - start).TotalDays;
        for (var i = 0; i < 72; i++)
        {
            var (credential, version) = i % 3 == 2 ? feedback : discourse;
            var sequence = sequences[credential.Id] = sequences.GetValueOrDefault(credential.Id) + 1;
            var doubled = DoubleScoring.Selects(sequence, policy.DoubleScoringPercent);
            var earner = doubled ? threeEligible[i % threeEligible.Length] : earners[i % earners.Length];
            var submittedAt = start.AddDays(5 + days * i / 72.0).AddHours(random.Next(0, 8));
            var submission = Submitted(springfield.Id, earner, credential, version, submittedAt);
            var review = Review.Open(submission, sequence, policy, submittedAt.AddHours(1));
            db.Reviews.Add(review);
            var progress = (double)i / 72;
            var truth = Truth(version.Content.Rubric);
            var scoredAt = submittedAt.AddDays(1 + random.Next(0, 6));
            Score(review, submission, version, policy, pool, loads, truth, submittedAt.AddHours(1), scoredAt, progress, jordan);
            history.Add((submission, review));
        }

        // Anchors for Discourse: three scored pieces, their known levels the final score.
        var anchorSources = history.Where(h => h.Review.CredentialId == discourse.Credential.Id && h.Review.Status == ReviewStatus.Scored && h.Review.Final!.AssessorId == asa)
            .Take(3).ToList();
        var labels = new[] { "Anchor 1: a clear case", "Anchor 2: a borderline case", "Anchor 3: an uneven case" };
        for (var i = 0; i < anchorSources.Count; i++)
        {
            var (s, r) = anchorSources[i];
            db.Anchors.Add(Anchor.FromSubmission(s, discourse.Version, labels[i], r.Final!.Sheet!.Levels,
                "Moderated by the assessment team: the levels follow the rubric's descriptors word for word.", admin, now.AddDays(-20)));
        }

        // Today's queue.
        // 1. A double-scored submission whose two scores disagree, waiting for its adjudicator (Asa).
        var seqD = sequences[discourse.Credential.Id];
        do seqD++; while (!DoubleScoring.Selects(seqD, policy.DoubleScoringPercent));
        sequences[discourse.Credential.Id] = seqD;
        var disputed = Submitted(springfield.Id, taylor, discourse.Credential, discourse.Version, now.AddDays(-4));
        var disputedReview = Review.Open(disputed, seqD, policy, now.AddDays(-4).AddHours(1));
        db.Reviews.Add(disputedReview);
        var rubric = discourse.Version.Content.Rubric;
        var first = disputedReview.Assign(AssignmentRole.Primary, morgan, AssignmentSource.Automatic, null, disputed, pool, now.AddDays(-4).AddHours(1));
        var second = disputedReview.Assign(AssignmentRole.Second, jordan, AssignmentSource.Automatic, null, disputed, pool, now.AddDays(-4).AddHours(1));
        disputedReview.SubmitScore(first, Sheet(rubric, [2, 2, 2], "clear"), rubric, disputed, policy, now.AddDays(-3));
        disputedReview.SubmitScore(second, Sheet(rubric, [2, 1, 2], "mixed"), rubric, disputed, policy, now.AddDays(-2));
        disputedReview.Assign(AssignmentRole.Adjudicator, asa, AssignmentSource.Automatic, null, disputed, pool, now.AddDays(-2));

        // 2. Asa's overdue work, with a draft half done.
        var late = Submitted(springfield.Id, erin, discourse.Credential, discourse.Version, now.AddDays(-14));
        var lateReview = Review.Open(late, NextSingle(sequences, discourse.Credential.Id, policy), policy, now.AddDays(-14).AddHours(2));
        db.Reviews.Add(lateReview);
        var lateWork = lateReview.Assign(AssignmentRole.Primary, asa, AssignmentSource.Automatic, null, late, pool, now.AddDays(-14).AddHours(2));
        lateReview.SaveDraft(lateWork, new ScoreSheet([new CriterionScore(rubric.Criteria[0].Id, rubric.Levels[2].Id, "Students revoice each other's ideas.")], null), rubric, now.AddDays(-3));

        // 3. Fresh work for Asa (Feedback) and for Morgan (Discourse).
        var fresh = Submitted(springfield.Id, sam, feedback.Credential, feedback.Version, now.AddDays(-1));
        var freshReview = Review.Open(fresh, NextSingle(sequences, feedback.Credential.Id, policy), policy, now.AddDays(-1).AddHours(1));
        db.Reviews.Add(freshReview);
        freshReview.Assign(AssignmentRole.Primary, asa, AssignmentSource.Automatic, null, fresh, pool, now.AddDays(-1).AddHours(1));
        var riley2 = Submitted(springfield.Id, riley, discourse.Credential, discourse.Version, now.AddDays(-2));
        var rileyReview = Review.Open(riley2, NextSingle(sequences, discourse.Credential.Id, policy), policy, now.AddDays(-2).AddHours(1));
        db.Reviews.Add(rileyReview);
        rileyReview.Assign(AssignmentRole.Primary, morgan, AssignmentSource.Automatic, null, riley2, pool, now.AddDays(-2).AddHours(1));

        // 4. Just submitted, waiting for an assessor (the assignment job picks it up within a minute).
        Submitted(springfield.Id, casey, feedback.Credential, feedback.Version, now.AddMinutes(-30));

        await db.SaveChangesAsync(ct);
        tenant.Clear();
    }

    /// <summary>The next sequence number that is not selected for double scoring (single-scored demo work).</summary>
    private static int NextSingle(Dictionary<Guid, int> sequences, Guid credentialId, DistrictPolicy policy)
    {
        var n = sequences[credentialId];
        do n++; while (DoubleScoring.Selects(n, policy.DoubleScoringPercent));
        return sequences[credentialId] = n;
    }

    /// <summary>Scores one piece of history: the least-loaded eligible assessor(s), independent noise, adjudication on disagreement.</summary>
    private void Score(Review review, Submission submission, CredentialVersion version, DistrictPolicy policy, AssessorPool pool,
        Dictionary<Guid, AssessorLoad> loads, int[] truth, DateTimeOffset assignedAt, DateTimeOffset scoredAt, double progress, Guid drifting)
    {
        var rubric = version.Content.Rubric;
        Assignment Take(AssignmentRole role, DateTimeOffset at)
        {
            var chosen = pool.LeastLoaded(review.Subject, review.Assignments.Where(a => a.IsActive).Select(a => a.AssessorId), loads)
                ?? throw new InvalidOperationException("The demo needs an eligible assessor for every piece of history.");
            loads[chosen] = new AssessorLoad(0, at); // scored before the next one arrives
            return review.Assign(role, chosen, AssignmentSource.Automatic, null, submission, pool, at);
        }
        var scorers = review.OpenRoles.ToList().Select(role => Take(role, assignedAt)).ToList();
        foreach (var (a, i) in scorers.Select((a, i) => (a, i)))
        {
            // Jordan starts noisy and settles (drift); the others agree closely with the truth.
            var accuracy = a.AssessorId == drifting ? 0.45 + 0.4 * progress : 0.94;
            var levels = truth.Select(t => random.NextDouble() < accuracy ? t : Math.Clamp(t + (random.Next(2) == 0 ? -1 : 1), 0, rubric.Levels.Count - 1)).ToArray();
            review.SubmitScore(a, Sheet(rubric, levels, levels.Sum() > truth.Sum() ? "clear" : "mixed"), rubric, submission, policy, scoredAt.AddHours(i));
        }
        if (review.Status == ReviewStatus.AwaitingAdjudication)
        {
            var judge = Take(AssignmentRole.Adjudicator, scoredAt.AddHours(3));
            review.SubmitScore(judge, Sheet(rubric, truth, "clear"), rubric, submission, policy, scoredAt.AddDays(1));
        }
    }

    /// <summary>The level each criterion deserves: a teacher's overall strength, give or take a level.</summary>
    private int[] Truth(Rubric rubric)
    {
        var top = rubric.Levels.Count - 1;
        int[] strengths = [1, 2, 2, 3, 3, 2, 1, 3, 2, 2];
        var strength = Math.Min(top, strengths[random.Next(strengths.Length)]);
        return rubric.Criteria.Select(_ =>
        {
            var r = random.NextDouble();
            return Math.Clamp(strength + (r < 0.2 ? -1 : r > 0.88 ? 1 : 0), 0, top);
        }).ToArray();
    }

    private static ScoreSheet Sheet(Rubric rubric, int[] levels, string tone) => new(
        rubric.Criteria.Select((c, i) => new CriterionScore(c.Id, rubric.Levels[levels[i]].Id, FeedbackText(c.Title, levels[i], rubric))).ToList(),
        tone == "clear"
            ? "Your evidence shows students doing the thinking. Keep collecting their words: they are your strongest evidence."
            : "There is real strength here. Look at the criteria marked below passing and plan one change you can try next week.");

    private static string FeedbackText(string criterion, int level, Rubric rubric) => rubric.IsBelowPassing(rubric.Levels[level].Id)
        ? $"For \"{criterion}\" the evidence does not yet show this consistently. Point to a moment in your lesson where it happens, and what students said."
        : $"\"{criterion}\" is clearly evidenced: your reflection names the moves you made and what students did in response.";

    private Submission Submitted(Guid tenantId, Guid earner, MicroCredential credential, CredentialVersion version, DateTimeOffset at)
    {
        var attempt = attempts[(earner, credential.Id)] = attempts.GetValueOrDefault((earner, credential.Id)) + 1;
        var submission = Submission.Start(tenantId, earner, credential, version, attempt - 1, null, [], at.AddDays(-2));
        foreach (var prompt in version.Content.Prompts.Where(p => p.Required))
        {
            if (prompt.Kind == EvidenceKind.Reflection) submission.WriteReflection(prompt, Reflection(prompt), at.AddDays(-1));
            else if (prompt.Kind == EvidenceKind.Link) submission.AddLink(prompt, $"https://docs.example.org/lesson/{random.Next(1000, 9999)}", "Lesson plan", at.AddDays(-1));
        }
        submission.Submit(version.Content, at);
        db.Submissions.Add(submission);
        return submission;
    }

    private static readonly string[] Sentences =
    [
        "I opened the discussion with a question that had more than one defensible answer.",
        "Students turned and talked before anyone shared with the whole class.",
        "I revoiced a student's idea and asked the class whether they agreed and why.",
        "I waited at least five seconds after each question, which felt long at first.",
        "One group used sentence starters to build on each other's reasoning.",
        "I noticed that a few students still did most of the talking, so I tried cold calling with a warm-up question.",
        "The exit tickets showed that most students could explain the idea in their own words.",
        "Next time I will plan the follow-up questions before the lesson instead of improvising them.",
        "A quiet student explained her strategy and two classmates changed their answers after hearing it.",
        "I recorded the talk moves I used on a tally sheet so I could reflect on them afterwards.",
        "The students' written feedback to each other became more specific over the week.",
        "I asked students to press each other for evidence instead of accepting the first answer.",
    ];

    private string Reflection(EvidencePrompt prompt)
    {
        var words = new List<string>();
        var min = Math.Max(prompt.MinWords ?? 0, 60);
        while (words.Count < min) words.AddRange(Sentences[random.Next(Sentences.Length)].Split(' '));
        return string.Join(' ', words);
    }

    /// <summary>A published credential by name: the catalog's when it exists, otherwise created here.</summary>
    private async Task<(MicroCredential Credential, CredentialVersion Version)> CredentialAsync(Guid tenantId, string name, Guid developer, DateTimeOffset at, CancellationToken ct)
    {
        var existing = await db.CredentialVersions.Where(v => v.Name == name && v.Status == VersionStatus.Published).FirstOrDefaultAsync(ct);
        if (existing is not null && existing.Content.Prompts.All(p => !p.Required || p.Kind != EvidenceKind.Files))
            return (await db.MicroCredentials.SingleAsync(c => c.Id == existing.CredentialId, ct), existing);
        var (credential, draft) = MicroCredential.Create(tenantId, name, Rubric.DefaultLevelNames, developer, at);
        draft.Revise(Content(name));
        credential.Publish(draft, null, developer, at);
        db.MicroCredentials.Add(credential);
        db.CredentialVersions.Add(draft);
        return (credential, draft);
    }

    private static CredentialContent Content(string name)
    {
        var levels = Rubric.DefaultLevelNames.Select(n => new RubricLevel(Guid.NewGuid(), n)).ToList();
        var reflection = new EvidencePrompt(Guid.NewGuid(), "Reflection", "Describe the lesson, the moves you made and what your students said and did. Quote them where you can.",
            EvidenceKind.Reflection, FileKind.None, null, 50, 800, true);
        var plan = new EvidencePrompt(Guid.NewGuid(), "Lesson plan", "Link to the plan of the lesson you reflect on.", EvidenceKind.Link, FileKind.None, null, null, null, true);
        var video = new EvidencePrompt(Guid.NewGuid(), "Classroom video (optional)", "Up to ten minutes of the lesson, if your school allows recording.",
            EvidenceKind.Files, FileKind.Video | FileKind.Audio, 500L << 20, null, null, false);
        RubricCriterion Criterion(string title, params string[] descriptors) =>
            new(Guid.NewGuid(), title, levels.Select((l, i) => (l.Id, descriptors[i])).ToDictionary(), [reflection.Id, plan.Id, video.Id]);
        var discourse = name == Discourse;
        var criteria = discourse
            ? new[]
            {
                Criterion("Plans for discussion", "No question invites more than one answer.", "Questions are planned but mostly closed.", "Open questions are planned with likely student answers.", "Questions and follow-ups are planned for several student paths."),
                Criterion("Uses talk moves", "Talk moves are absent.", "Talk moves appear occasionally.", "Revoicing, wait time and pressing for reasoning are used purposefully.", "Students themselves use talk moves with each other."),
                Criterion("Reflects on student thinking", "Reflection describes the lesson only.", "Reflection mentions students in general terms.", "Reflection uses students' words to judge the discussion.", "Reflection uses students' words to plan the next lesson."),
            }
            : new[]
            {
                Criterion("Feedback is specific", "Feedback is a grade or praise.", "Feedback names what was right or wrong.", "Feedback names the next step towards the goal.", "Students can act on the feedback without help."),
                Criterion("Students act on feedback", "No time is given to use feedback.", "Time is given but not used.", "Students revise their work using the feedback.", "Students give each other feedback and revise."),
                Criterion("Reflects on impact", "Reflection describes the lesson only.", "Reflection mentions improvement in general.", "Reflection shows evidence of improvement in students' work.", "Reflection plans next steps from that evidence."),
            };
        return new CredentialContent(name,
            discourse ? "Students build on each other's ideas in whole-class and small-group discussion." : "Feedback that students use to improve their work.",
            discourse ? "The educator facilitates discussion in which students reason together and build on each other's ideas." : "The educator gives feedback that moves learning forward and makes time for students to use it.",
            discourse ? "Talk moves" : "Feedback loops", discourse ? ["Revoicing", "Wait time", "Pressing for reasoning"] : ["Goal-referenced feedback", "Revision time", "Peer feedback"],
            discourse ? "Classroom discourse improves reasoning and participation." : "Actionable feedback is among the strongest influences on learning.",
            [new Citation(discourse ? "Michaels & O'Connor (2015), Conceptualizing talk moves as tools" : "Hattie & Timperley (2007), The power of feedback", "https://example.org/research")],
            [new Resource(Guid.NewGuid(), discourse ? "Talk moves guide" : "Feedback protocol", ResourceKind.Article, "https://example.org/guide", null, null)],
            [reflection, plan, video], new Rubric(levels, criteria, new PassingRule(levels[2].Id, null)),
            [new Alignment("ISTE Standards for Educators", discourse ? "2.5.a" : "2.7.b", discourse ? "Designer" : "Analyst", "https://iste.org/standards", null)],
            discourse ? 15 : 10, [discourse ? "discourse" : "feedback"], ["K-12"], ["All subjects"], 36);
    }
}
