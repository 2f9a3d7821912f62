using MicroCred.Domain.Assessment;
using MicroCred.Domain.Common;

namespace MicroCred.UnitTests.Assessment;

/// <summary>Qualifying assessors directly or through calibration on anchors with known levels.</summary>
public sealed class QualificationTests
{
    private static readonly DateTimeOffset Now = World.Now;

    private static (World World, Anchor Anchor) WithAnchor(int criteria)
    {
        var w = new World(criteria: criteria);
        var submission = w.Submitted();
        var review = Review.Open(submission, 2, w.Policy, Now);
        var a = review.Assign(AssignmentRole.Primary, w.Ann, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        var points = Enumerable.Repeat(2, criteria).ToArray();
        review.SubmitScore(a, w.Sheet(points), w.Rubric, submission, w.Policy, Now);
        var anchor = Anchor.FromSubmission(submission, w.Version, "Anchor A", a.Sheet!.Levels, "Solid throughout.", w.Admin, Now);
        return (w, anchor);
    }

    private static IReadOnlyDictionary<Guid, Guid> Levels(World w, params int[] points) =>
        w.Rubric.Criteria.Select((c, i) => (c.Id, w.Level(points[i]).Id)).ToDictionary();

    [Theory]
    [InlineData(new[] { 2, 2, 2, 2, 3 }, 80, true)]   // 4 of 5 = 80 %: at the threshold passes
    [InlineData(new[] { 2, 2, 2, 1, 3 }, 80, false)]  // 3 of 5 = 60 %
    [InlineData(new[] { 2, 2, 2, 2, 3 }, 81, false)]  // just under a stricter threshold
    [InlineData(new[] { 2, 2, 2, 2, 2 }, 100, true)]
    public void Calibration_qualifies_at_or_above_the_threshold_of_exact_agreement(int[] rated, int threshold, bool passes)
    {
        var (w, anchor) = WithAnchor(criteria: 5);
        var q = AssessorQualification.RequireCalibration(w.District, w.Cy, w.Credential.Id, w.Admin, Now);
        Assert.False(q.IsQualified);
        var attempt = q.StartCalibration([anchor], Now);
        Assert.Same(attempt, q.StartCalibration([anchor], Now)); // resumes the attempt in progress
        var calibrationAnchor = new CalibrationAnchor(anchor, w.Rubric);
        q.Rate(attempt, calibrationAnchor, Levels(w, rated), Now);

        q.SubmitCalibration(attempt, [calibrationAnchor], threshold, Now);
        Assert.Equal(passes, attempt.Passed);
        Assert.Equal(passes, q.IsQualified);
        Assert.Equal(5, attempt.Compared);
        Assert.Equal(rated.Count(p => p == 2), attempt.Matched);
        Assert.Equal(threshold, attempt.ThresholdPercent);
        Assert.Equal(passes ? QualificationMethod.Calibration : null, q.Method);
        Assert.Throws<DomainException>(() => q.SubmitCalibration(attempt, [calibrationAnchor], threshold, Now));
        if (!passes) Assert.NotSame(attempt, q.StartCalibration([anchor], Now)); // try again
    }

    [Fact]
    public void Calibration_needs_anchors_and_every_criterion_of_every_anchor_scored()
    {
        var (w, anchor) = WithAnchor(criteria: 3);
        var q = AssessorQualification.RequireCalibration(w.District, w.Cy, w.Credential.Id, w.Admin, Now);
        Assert.Contains("no anchors", Assert.Throws<DomainException>(() => q.StartCalibration([], Now)).Message);
        anchor.Retire(Now);
        Assert.Throws<DomainException>(() => q.StartCalibration([anchor], Now));

        var (w2, live) = WithAnchor(criteria: 3);
        var q2 = AssessorQualification.RequireCalibration(w2.District, w2.Cy, w2.Credential.Id, w2.Admin, Now);
        var attempt = q2.StartCalibration([live], Now);
        var ca = new CalibrationAnchor(live, w2.Rubric);
        q2.Rate(attempt, ca, new Dictionary<Guid, Guid> { [w2.Rubric.Criteria[0].Id] = w2.Level(2).Id }, Now);
        Assert.Contains("Anchor A", Assert.Throws<DomainException>(() => q2.SubmitCalibration(attempt, [ca], 80, Now)).Message);
        Assert.Throws<DomainException>(() => q2.Rate(attempt, ca, new Dictionary<Guid, Guid> { [w2.Rubric.Criteria[0].Id] = Guid.NewGuid() }, Now));
    }

    [Fact]
    public void An_admin_qualifies_directly_requires_calibration_again_or_revokes()
    {
        var w = new World();
        var q = AssessorQualification.Qualify(w.District, w.Ann, w.Credential.Id, w.Admin, Now);
        Assert.Equal((QualificationStatus.Qualified, QualificationMethod.Direct), (q.Status, q.Method!.Value));
        Assert.Throws<DomainException>(() => q.QualifyDirectly(w.Admin, Now));
        Assert.Throws<DomainException>(() => q.StartCalibration([], Now));
        q.RequireCalibrationAgain(w.Admin, Now);
        Assert.Equal(QualificationStatus.CalibrationRequired, q.Status);
        q.Revoke(w.Admin, Now);
        Assert.False(q.IsQualified);
        Assert.Throws<DomainException>(() => q.Revoke(w.Admin, Now));
    }

    [Fact]
    public void Only_scored_work_becomes_an_anchor_and_its_known_levels_cover_the_rubric()
    {
        var w = new World();
        var waiting = w.Submitted();
        Assert.Contains("Only scored work", Assert.Throws<DomainException>(() =>
            Anchor.FromSubmission(waiting, w.Version, "Too early", Levels(w, 2, 2, 2), null, w.Admin, Now)).Message);

        var (w2, anchor) = WithAnchor(criteria: 3);
        Assert.Equal(3, anchor.KnownLevels.Count);
        Assert.Contains("Criterion 3", Assert.Throws<DomainException>(() =>
            anchor.ChangeKnownLevels(w2.Rubric, Levels(w2, 1, 1, 1).Take(2).ToDictionary(), null)).Message);
        anchor.ChangeKnownLevels(w2.Rubric, Levels(w2, 1, 2, 3), "Revised after moderation.");
        Assert.Equal(w2.Level(3).Id, anchor.KnownLevels[w2.Rubric.Criteria[2].Id]);

        var written = Anchor.Written(w2.Version, "Written sample", [new AnchorEvidence(w2.Version.Content.Prompts[1].Id, "Students built on each other's ideas…")],
            Levels(w2, 2, 2, 1), null, w2.Admin, Now);
        Assert.Null(written.SubmissionId);
        Assert.Throws<DomainException>(() => Anchor.Written(w2.Version, "Empty", [], Levels(w2, 2, 2, 1), null, w2.Admin, Now));
    }
}
