using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using MicroCred.UnitTests.Design;

namespace MicroCred.UnitTests.Evidence;

public sealed class SubmissionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 16, 0, 0, TimeSpan.Zero);
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Guid Earner = Guid.NewGuid();

    private static (MicroCredential Credential, CredentialVersion Version) Published()
    {
        var (credential, draft) = MicroCredential.Create(District, "Discourse", Rubric.DefaultLevelNames, Guid.NewGuid(), Now);
        draft.Revise(CredentialRulesTests.Complete());
        credential.Publish(draft, null, Guid.NewGuid(), Now);
        return (credential, draft);
    }

    private static (Submission Submission, CredentialContent Content) Started()
    {
        var (credential, version) = Published();
        return (Submission.Start(District, Earner, credential, version, 0, null, [], Now), version.Content);
    }

    private static string Words(int n) => string.Join(' ', Enumerable.Repeat("word", n));

    [Fact]
    public void Starting_refuses_unmet_prerequisites_a_retired_credential_and_the_attempt_cap()
    {
        var (credential, version) = Published();
        Assert.Contains("\"Going Public\"", Assert.Throws<DomainException>(() => Submission.Start(District, Earner, credential, version, 0, null, ["Going Public"], Now)).Message);
        Assert.Contains("all 2 attempts", Assert.Throws<DomainException>(() => Submission.Start(District, Earner, credential, version, 2, 2, [], Now)).Message);
        var first = Submission.Start(District, Earner, credential, version, 0, 2, [], Now);
        Assert.Equal(1, first.Attempt);
        Assert.Matches("^S-[A-Z2-9]{4}-[A-Z2-9]{4}$", first.Code);
        credential.Retire(version, Now);
        Assert.Throws<DomainException>(() => Submission.Start(District, Earner, credential, version, 0, null, [], Now));
    }

    [Fact]
    public void Submitting_lists_every_missing_required_item()
    {
        var (submission, content) = Started();
        var refusal = Assert.Throws<SubmissionIncompleteException>(() => submission.Submit(content, Now));
        Assert.Equal(["Upload the file(s) for \"Classroom video\".", "Write your reflection for \"Reflection\"."], refusal.Problems);
        Assert.Equal(SubmissionStatus.Draft, submission.Status);
    }

    [Fact]
    public void Word_limits_are_kept_on_save_and_enforced_on_submit()
    {
        var (submission, content) = Started();
        var reflection = content.Prompts[1];
        submission.AttachFile(content.Prompts[0], Guid.NewGuid(), "lesson.mp4", FileKind.Video, 50_000_000, Now);
        submission.WriteReflection(reflection, Words(700), Now);
        Assert.Equal(700, Submission.WordCount(submission.Items.Single(i => i.Kind == EvidenceItemKind.Text).Text));
        Assert.Equal(["\"Reflection\" allows at most 600 words (you have 700)."], Assert.Throws<SubmissionIncompleteException>(() => submission.Submit(content, Now)).Problems);
        submission.WriteReflection(reflection, Words(100), Now);
        Assert.Equal(["\"Reflection\" needs at least 200 words (you have 100)."], Assert.Throws<SubmissionIncompleteException>(() => submission.Submit(content, Now)).Problems);
        submission.WriteReflection(reflection, Words(300), Now);
        submission.Submit(content, Now);
        Assert.Equal(SubmissionStatus.Submitted, submission.Status);
        Assert.Single(submission.Items, i => i.Kind == EvidenceItemKind.Text);
    }

    [Fact]
    public void Files_must_be_an_accepted_kind_within_the_size_limit()
    {
        var (submission, content) = Started();
        var video = content.Prompts[0];
        Assert.Contains("accepts video files", Assert.Throws<DomainException>(() => submission.AttachFile(video, Guid.NewGuid(), "notes.pdf", FileKind.Pdf, 1000, Now)).Message);
        Assert.Contains("up to 2 GB", Assert.Throws<DomainException>(() => submission.AttachFile(video, Guid.NewGuid(), "huge.mp4", FileKind.Video, 3L << 30, Now)).Message);
        Assert.Contains("empty", Assert.Throws<DomainException>(() => submission.AttachFile(video, Guid.NewGuid(), "empty.mp4", FileKind.Video, 0, Now)).Message);
        Assert.Throws<DomainException>(() => submission.WriteReflection(video, "text", Now));
        var item = submission.AttachFile(video, Guid.NewGuid(), "lesson.mp4", FileKind.Video, 1000, Now);
        submission.RemoveItem(item.Id, Now);
        Assert.Empty(submission.Items);
    }

    [Fact]
    public void Submitted_evidence_is_locked_and_withdrawing_before_review_unlocks_it()
    {
        var (submission, content) = Started();
        submission.AttachFile(content.Prompts[0], Guid.NewGuid(), "lesson.mp4", FileKind.Video, 1000, Now);
        submission.WriteReflection(content.Prompts[1], Words(250), Now);
        submission.Submit(content, Now);
        Assert.Contains("locked", Assert.Throws<DomainException>(() => submission.WriteReflection(content.Prompts[1], "changed", Now)).Message);

        submission.Withdraw(Now);
        Assert.Equal(SubmissionStatus.Draft, submission.Status);
        submission.Submit(content, Now);
        submission.StartReview(Now);
        Assert.Contains("Review has started", Assert.Throws<DomainException>(() => submission.Withdraw(Now)).Message);
    }

    [Fact]
    public void A_not_yet_decision_allows_a_next_attempt_from_the_same_evidence()
    {
        var (submission, content) = Started();
        var file = Guid.NewGuid();
        submission.AttachFile(content.Prompts[0], file, "lesson.mp4", FileKind.Video, 1000, Now);
        submission.WriteReflection(content.Prompts[1], Words(250), Now);
        submission.Submit(content, Now);
        Assert.Throws<DomainException>(() => submission.Award(null, Now));
        submission.StartReview(Now);
        submission.MarkScored(Now);
        submission.Deny("See the feedback on wait time.", Now);
        Assert.Equal(SubmissionStatus.NotYet, submission.Status);

        var next = submission.StartNextAttempt(attemptCap: 3, Now.AddDays(1));
        Assert.Equal(2, next.Attempt);
        Assert.Equal(submission.Id, next.PreviousAttemptId);
        Assert.Equal(submission.CredentialVersionId, next.CredentialVersionId);
        Assert.NotEqual(submission.Code, next.Code);
        Assert.Equal(SubmissionStatus.Draft, next.Status);
        Assert.Contains(next.Items, i => i.FileId == file);
        Assert.All(next.Items, i => Assert.Equal(next.Id, i.SubmissionId));
        Assert.Throws<DomainException>(() => next.StartNextAttempt(3, Now));
        Assert.Throws<DomainException>(() => submission.ShareEvidence(true, Now));
    }

    [Fact]
    public void Evidence_is_private_until_the_earner_shares_an_awarded_credential()
    {
        var (submission, content) = Started();
        submission.AttachFile(content.Prompts[0], Guid.NewGuid(), "lesson.mp4", FileKind.Video, 1000, Now);
        submission.WriteReflection(content.Prompts[1], Words(250), Now);
        submission.Submit(content, Now);
        submission.StartReview(Now);
        submission.MarkScored(Now);
        submission.Award("Well evidenced.", Now);
        Assert.False(submission.EvidencePublic);
        submission.ShareEvidence(true, Now);
        Assert.True(submission.EvidencePublic);
    }

    [Fact]
    public void Due_dates_count_business_days()
    {
        var policy = DistrictPolicy.Default(District);
        var friday = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), policy.DueDate(friday));
        Assert.Throws<DomainException>(() => policy.ChangeAssessment(AssignmentMode.Claim, 0, true, 10, false, 80, 80));
    }
}
