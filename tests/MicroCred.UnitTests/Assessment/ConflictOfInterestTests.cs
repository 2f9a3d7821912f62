using MicroCred.Domain.Assessment;
using MicroCred.Domain.Common;
using MicroCred.Domain.Evidence;

namespace MicroCred.UnitTests.Assessment;

/// <summary>Every conflict-of-interest rule, through every path by which work reaches an assessor.</summary>
public sealed class ConflictOfInterestTests
{
    private static readonly DateTimeOffset Now = World.Now;

    /// <summary>Tries every assignment path for <paramref name="assessor"/> and returns each path's refusal (null = allowed).</summary>
    private static Dictionary<string, Ineligibility?> EveryPath(World w, Guid assessor)
    {
        Ineligibility? Try(Action act)
        {
            try { act(); return null; }
            catch (AssessorRefusedException e) { return e.Reason; }
        }
        var results = new Dictionary<string, Ineligibility?>();
        var pool = w.Pool();

        (Submission, Review) Fresh()
        {
            var s = w.Submitted();
            return (s, Review.Open(s, 2, w.Policy, Now));
        }
        var (s1, r1) = Fresh();
        results["automatic"] = Try(() => r1.Assign(AssignmentRole.Primary, assessor, AssignmentSource.Automatic, null, s1, pool, Now));
        var (sc, rc) = Fresh();
        results["claim"] = Try(() => rc.Claim(assessor, sc, pool, Now));
        var (sa, ra) = Fresh();
        results["admin"] = Try(() => ra.Assign(AssignmentRole.Primary, assessor, AssignmentSource.Admin, w.Admin, sa, pool, Now));

        var others = pool.Eligible(r1.Subject, [assessor]);
        var other = others[0];
        var s2 = w.Submitted();
        var r2 = Review.Open(s2, 2, w.Policy, Now);
        var held = r2.Assign(AssignmentRole.Primary, other, AssignmentSource.Automatic, null, s2, pool, Now);
        results["reassignment"] = Try(() => r2.Reassign(held, assessor, w.Admin, s2, pool, Now));

        // A double-scored submission whose two scores disagree needs an adjudicator.
        var s3 = w.Submitted();
        var r3 = Review.Open(s3, 1, w.Policy, Now); // sequence 1 is always selected when the share is above 0
        Assert.True(r3.DoubleScored);
        var scorers = others.Take(2).ToList();
        var p = r3.Assign(AssignmentRole.Primary, scorers[0], AssignmentSource.Automatic, null, s3, pool, Now);
        var q = r3.Assign(AssignmentRole.Second, scorers[1], AssignmentSource.Automatic, null, s3, pool, Now);
        r3.SubmitScore(p, w.Sheet(3, 3, 3), w.Rubric, s3, w.Policy, Now);
        Assert.Equal(ReviewProgress.NeedsAdjudication, r3.SubmitScore(q, w.Sheet(0, 1, 1), w.Rubric, s3, w.Policy, Now));
        results["adjudicator"] = Try(() => r3.Assign(AssignmentRole.Adjudicator, assessor, AssignmentSource.Automatic, null, s3, pool, Now));

        results["least loaded"] = w.Pool().Eligible(r1.Subject).Contains(assessor) ? null : pool.Check(assessor, r1.Subject);
        return results;
    }

    [Fact]
    public void Nobody_can_be_assigned_or_claim_their_own_submission_by_any_path()
    {
        var w = new World(doubleScoringPercent: 10);
        var refusals = EveryPath(w, w.Earner);
        Assert.All(refusals, r => Assert.True(r.Value == Ineligibility.OwnSubmission, $"{r.Key}: {r.Value}"));
        Assert.Equal("Nobody can assess their own submission.", new AssessorRefusedException(Ineligibility.OwnSubmission).Message);
    }

    [Fact]
    public void A_conflict_declared_by_the_earner_blocks_the_assessor_on_every_path()
    {
        var w = new World(doubleScoringPercent: 10);
        w.Conflicts.Add(ConflictDeclaration.Declare(w.District, w.Earner, w.Ann, "Ann is my sister-in-law.", Now));
        Assert.All(EveryPath(w, w.Ann), r => Assert.True(r.Value == Ineligibility.DeclaredConflict, $"{r.Key}: {r.Value}"));
        Assert.All(EveryPath(w, w.Cy), r => Assert.True(r.Value is null, $"{r.Key}: {r.Value}"));
    }

    [Fact]
    public void A_conflict_declared_by_the_assessor_works_the_other_way_too_until_withdrawn()
    {
        var w = new World(doubleScoringPercent: 10);
        var declared = ConflictDeclaration.Declare(w.District, w.Ben, w.Earner, "I coach this teacher.", Now);
        w.Conflicts.Add(declared);
        Assert.All(EveryPath(w, w.Ben), r => Assert.True(r.Value == Ineligibility.DeclaredConflict, $"{r.Key}: {r.Value}"));

        Assert.Throws<DomainException>(() => declared.Withdraw(w.Earner, Now)); // only the one who declared it
        declared.Withdraw(w.Ben, Now);
        Assert.All(EveryPath(w, w.Ben), r => Assert.True(r.Value is null, $"{r.Key}: {r.Value}"));
    }

    [Fact]
    public void A_declaration_needs_a_reason_and_someone_else()
    {
        var w = new World();
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => ConflictDeclaration.Declare(w.District, w.Ann, w.Earner, "  ", Now)).Field);
        Assert.Throws<DomainException>(() => ConflictDeclaration.Declare(w.District, w.Ann, w.Ann, "Myself", Now));
    }

    [Fact]
    public void Same_school_is_refused_on_every_path_only_when_the_district_forbids_it()
    {
        var evergreen = Guid.NewGuid();
        var forbidding = new World(doubleScoringPercent: 10, forbidSameSchool: true);
        forbidding.Schools[forbidding.Earner] = evergreen;
        forbidding.Schools[forbidding.Cy] = evergreen;
        forbidding.Schools[forbidding.Ann] = Guid.NewGuid();
        Assert.All(EveryPath(forbidding, forbidding.Cy), r => Assert.True(r.Value == Ineligibility.SameSchool, $"{r.Key}: {r.Value}"));
        Assert.All(EveryPath(forbidding, forbidding.Ann), r => Assert.True(r.Value is null, $"{r.Key}: {r.Value}")); // another school
        Assert.All(EveryPath(forbidding, forbidding.Ben), r => Assert.True(r.Value is null, $"{r.Key}: {r.Value}")); // no school known

        var allowing = new World(doubleScoringPercent: 10, forbidSameSchool: false);
        allowing.Schools[allowing.Earner] = evergreen;
        allowing.Schools[allowing.Cy] = evergreen;
        Assert.All(EveryPath(allowing, allowing.Cy), r => Assert.True(r.Value is null, $"{r.Key}: {r.Value}"));
    }

    [Fact]
    public void Only_qualified_members_with_the_assessor_role_may_assess()
    {
        var w = new World(doubleScoringPercent: 10);
        w.Unqualified.Add(w.Cy);
        Assert.All(EveryPath(w, w.Cy), r => Assert.True(r.Value == Ineligibility.NotQualified, $"{r.Key}: {r.Value}"));
        var stranger = Guid.NewGuid();
        Assert.Equal(Ineligibility.NotAnAssessor, w.Pool().Check(stranger, Review.Open(w.Submitted(), 2, w.Policy, Now).Subject));
    }

    [Fact]
    public void A_conflict_declared_on_a_submission_sends_it_back_and_holds_for_the_earners_next_work()
    {
        var w = new World();
        var submission = w.Submitted();
        var review = Review.Open(submission, 2, w.Policy, Now);
        var mine = review.Assign(AssignmentRole.Primary, w.Ann, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        Assert.Equal(SubmissionStatus.InReview, submission.Status);

        var declaration = review.DeclareConflict(mine, "I mentored this teacher last year.", submission, Now);
        Assert.Equal((w.Ann, w.Earner, submission.Id), (declaration.DeclaredBy, declaration.OtherPersonId, declaration.SubmissionId));
        Assert.Equal(AssignmentEnd.ConflictDeclared, mine.EndReason);
        Assert.Equal(SubmissionStatus.Submitted, submission.Status); // back in the queue
        Assert.Equal([AssignmentRole.Primary], review.OpenRoles);

        w.Conflicts.Add(declaration);
        Assert.Equal(Ineligibility.DeclaredConflict, review.Check(w.Ann, w.Pool()));
        var next = Review.Open(w.Submitted(), 3, w.Policy, Now);
        Assert.Equal(Ineligibility.DeclaredConflict, next.Check(w.Ann, w.Pool()));
        Assert.Null(next.Check(w.Ben, w.Pool()));
    }

    [Fact]
    public void Automatic_assignment_picks_the_least_loaded_qualified_conflict_free_assessor()
    {
        var w = new World();
        w.Unqualified.Add(w.Cy);
        var subject = Review.Open(w.Submitted(), 2, w.Policy, Now).Subject;
        var loads = new Dictionary<Guid, AssessorLoad>
        {
            [w.Ann] = new(3, Now.AddDays(-1)),
            [w.Ben] = new(1, Now.AddDays(-2)),
            [w.Cy] = new(0, null),        // the least loaded, but not qualified
            [w.Earner] = new(0, null),    // the earner, who is also an assessor: never for their own work
            [w.Dee] = new(4, null),
        };
        Assert.Equal(w.Ben, w.Pool().LeastLoaded(subject, [], loads));

        w.Conflicts.Add(ConflictDeclaration.Declare(w.District, w.Earner, w.Ben, "Friends", Now));
        Assert.Equal(w.Ann, w.Pool().LeastLoaded(subject, [], loads));
        Assert.Equal(w.Dee, w.Pool().LeastLoaded(subject, [w.Ann], loads));
        Assert.Null(w.Pool().LeastLoaded(subject, [w.Ann, w.Dee], loads)); // nobody else may take it

        // A tie on load goes to whoever was assigned least recently (never assigned first), then by id.
        w.Unqualified.Clear();
        w.Conflicts.Clear();
        var tie = new Dictionary<Guid, AssessorLoad> { [w.Ann] = new(1, Now.AddHours(-1)), [w.Ben] = new(1, Now.AddDays(-3)), [w.Cy] = new(1, null), [w.Earner] = new(0, null), [w.Dee] = new(2, null) };
        Assert.Equal(w.Cy, w.Pool().LeastLoaded(subject, [], tie));
        Assert.Equal(w.Ben, w.Pool().LeastLoaded(subject, [w.Cy], tie));
    }

    [Fact]
    public void An_adjudicator_must_be_someone_other_than_the_two_scorers()
    {
        var w = new World(doubleScoringPercent: 100);
        var submission = w.Submitted();
        var review = Review.Open(submission, 1, w.Policy, Now);
        var first = review.Assign(AssignmentRole.Primary, w.Ann, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        Assert.Equal(Ineligibility.AlreadyScoring,
            Assert.Throws<AssessorRefusedException>(() => review.Assign(AssignmentRole.Second, w.Ann, AssignmentSource.Automatic, null, submission, w.Pool(), Now)).Reason);
        var second = review.Assign(AssignmentRole.Second, w.Ben, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        review.SubmitScore(first, w.Sheet(2, 2, 2), w.Rubric, submission, w.Policy, Now);
        review.SubmitScore(second, w.Sheet(1, 2, 2), w.Rubric, submission, w.Policy, Now);
        Assert.Equal(ReviewStatus.AwaitingAdjudication, review.Status);

        foreach (var scorer in new[] { w.Ann, w.Ben })
            Assert.Equal(Ineligibility.AlreadyScoring, Assert.Throws<AssessorRefusedException>(() =>
                review.Assign(AssignmentRole.Adjudicator, scorer, AssignmentSource.Admin, w.Admin, submission, w.Pool(), Now)).Reason);
        Assert.Equal(w.Cy, w.Pool().LeastLoaded(review.Subject, review.Assignments.Where(a => a.IsActive).Select(a => a.AssessorId), new Dictionary<Guid, AssessorLoad> { [w.Dee] = new(1, null) }));
        review.Assign(AssignmentRole.Adjudicator, w.Cy, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
    }
}
