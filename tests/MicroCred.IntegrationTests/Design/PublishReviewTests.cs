using System.Net;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Design;

/// <summary>
/// Review before publishing (principle B, the standard's call for review): when the district requires it, a second
/// person approves a version against the CCSSO A–J checklist before it can be published; the author never can; the
/// approval shows on the public page. Citations carry a DOI and a peer-reviewed flag.
/// </summary>
public sealed class PublishReviewTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);
    private static readonly string[] Everything = PublishReview.Checklist.Select(c => c.Principle).ToArray();

    private async Task<Guid> Draft(string name, CredentialContent? content = null)
    {
        var id = await kit.As(AssessmentKit.Developer, s => s.Send(new CreateCredential(name)).AsTask());
        await Save(id, content ?? AssessmentKit.Content(name, 2));
        return id;
    }

    private Task Save(Guid id, CredentialContent content) => kit.As(AssessmentKit.Developer, s => s.Send(new SaveCredentialDraft(id, content)).AsTask());

    private Task Approve(string who, Guid id, IReadOnlyList<string> confirmed, string district = "springfield") =>
        kit.As(who, s => s.Send(new ApproveCredential(id, confirmed, "Checked against the research and the rubric.")).AsTask(), district);

    private Task<PublishedCredential> Publish(Guid id) => kit.As(AssessmentKit.Developer, s => s.Send(new PublishCredential(id)).AsTask());

    private Task RequireReview(bool required) => kit.As(AssessmentKit.Admin, s => s.Send(new SetPublishReview(required)).AsTask());

    [Fact]
    public async Task Off_by_default_a_Developer_publishes_alone_and_no_approval_is_claimed()
    {
        Assert.False(await kit.As(AssessmentKit.Admin, s => s.Send(new GetPublishReviewSetting()).AsTask()));
        var id = await Draft("Unreviewed practice");
        await Publish(id);
        Assert.Null((await kit.As(AssessmentKit.Erin, s => s.Send(new GetPublicCredential(id)).AsTask())).Approval);
    }

    [Fact]
    public async Task When_required_publishing_waits_for_a_second_persons_approval_against_the_whole_checklist()
    {
        await RequireReview(true);
        try
        {
            var id = await Draft("Reviewed practice");
            var refused = await Assert.ThrowsAsync<DomainException>(() => Publish(id));
            Assert.Contains("second review", refused.Message);

            // The author cannot approve their own version, whatever they tick.
            var own = await Assert.ThrowsAsync<DomainException>(() => Approve(AssessmentKit.Developer, id, Everything));
            Assert.Contains("You wrote this version", own.Message);
            Assert.True((await kit.As(AssessmentKit.Developer, s => s.Send(new GetCredentialReview(id)).AsTask())).IsAuthor);

            // Every point of the checklist must be confirmed.
            var partial = await Assert.ThrowsAsync<DomainException>(() => Approve(AssessmentKit.Admin, id, Everything[..^1]));
            Assert.Contains("J (Shareable)", partial.Message);

            // Another district's Admin finds nothing to approve.
            await Assert.ThrowsAsync<NotFoundException>(() => Approve("admin@shelbyville.test", id, Everything, "shelbyville"));

            await Approve(AssessmentKit.Admin, id, Everything);
            var review = await kit.As(AssessmentKit.Admin, s => s.Send(new GetCredentialReview(id)).AsTask());
            Assert.Equal("Alicia Admin", review.Approval!.By);
            Assert.False(review.IsAuthor);

            // Changed words void the approval; saving the same words keeps it.
            await Save(id, AssessmentKit.Content("Reviewed practice", 2) with { Competency = "A different competency." });
            Assert.Null((await kit.As(AssessmentKit.Admin, s => s.Send(new GetCredentialReview(id)).AsTask())).Approval);
            Assert.Contains("second review", (await Assert.ThrowsAsync<DomainException>(() => Publish(id))).Message);
            await Approve(AssessmentKit.Admin, id, Everything);
            var current = (await kit.As(AssessmentKit.Admin, s => s.Send(new GetCredentialReview(id)).AsTask())).Content;
            await Save(id, current);
            Assert.NotNull((await kit.As(AssessmentKit.Admin, s => s.Send(new GetCredentialReview(id)).AsTask())).Approval);

            await Publish(id);

            // The public page says who approved it and when.
            var shown = await kit.As(AssessmentKit.Erin, s => s.Send(new GetPublicCredential(id)).AsTask());
            Assert.Equal("Alicia Admin", shown.Approval!.By);
            using var visitor = new HttpSession(fixture.BaseAddress);
            var page = await visitor.PageAsync($"/springfield/credentials/{id}");
            Assert.Contains($"Approved for publishing by Alicia Admin on {shown.Approval.At:d MMMM yyyy}", page.QuerySelector(".approval")!.TextContent);
        }
        finally
        {
            await RequireReview(false);
        }
    }

    [Fact]
    public async Task Publishing_from_the_editor_keeps_the_approval_of_the_words_it_saves_again()
    {
        await RequireReview(true);
        try
        {
            var id = await Draft("Round-tripped practice");
            using var session = new HttpSession(fixture.BaseAddress);
            await session.LogInAsync(AssessmentKit.Developer);
            var editor = $"/springfield/design/credentials/{id}";
            var first = await (await EditorForm.OpenAsync(session, editor)).PostAsync(session, "Save");
            Assert.True(first.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await HttpSession.Parse(await first.Content.ReadAsStringAsync())).Errors()));
            await Approve(AssessmentKit.Admin, id, Everything);

            // "Publish" saves the unchanged form first: the same words, so the approval stands and publishing goes through.
            var response = await (await EditorForm.OpenAsync(session, editor)).PostAsync(session, "Publish");
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, string.Join("; ", (await HttpSession.Parse(await response.Content.ReadAsStringAsync())).Errors()));
            Assert.Equal("Alicia Admin", (await kit.As(AssessmentKit.Erin, s => s.Send(new GetPublicCredential(id)).AsTask())).Approval!.By);
        }
        finally
        {
            await RequireReview(false);
        }
    }

    [Fact]
    public async Task Only_an_Admin_sets_the_rule_and_it_belongs_to_one_district()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => kit.As(AssessmentKit.Developer, s => s.Send(new SetPublishReview(true)).AsTask()));
        await kit.As("admin@shelbyville.test", s => s.Send(new SetPublishReview(true)).AsTask(), "shelbyville");
        try
        {
            Assert.False(await kit.As(AssessmentKit.Admin, s => s.Send(new GetPublishReviewSetting()).AsTask()));
            Assert.True(await kit.As("admin@shelbyville.test", s => s.Send(new GetPublishReviewSetting()).AsTask(), "shelbyville"));
        }
        finally
        {
            await kit.As("admin@shelbyville.test", s => s.Send(new SetPublishReview(false)).AsTask(), "shelbyville");
        }
    }

    [Fact]
    public async Task Citations_carry_a_DOI_and_a_peer_reviewed_flag_to_the_public_page()
    {
        var content = AssessmentKit.Content("Cited practice", 2);
        var bad = await Record.ExceptionAsync(() => Draft("Badly cited", content with { Citations = [new Citation("A study", null, "not-a-doi", true)] }));
        Assert.Contains("DOI", bad is ValidationFailedException v ? string.Join(" ", v.Errors.Select(e => e.Message)) : bad!.Message);

        var id = await Draft("Cited practice", content with { Citations = [new Citation("Hattie & Timperley (2007). The power of feedback.", null, "10.3102/003465430298487", true)] });
        await Publish(id);
        using var visitor = new HttpSession(fixture.BaseAddress);
        var page = await visitor.PageAsync($"/springfield/credentials/{id}");
        var citation = page.QuerySelector(".citations li")!;
        Assert.Contains("Peer-reviewed", citation.TextContent);
        Assert.Equal("https://doi.org/10.3102/003465430298487", citation.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/springfield/credentials/{id}")).StatusCode);
    }

    [Fact]
    public void The_DOI_is_read_from_the_forms_people_paste() =>
        Assert.Equal(new string?[] { "10.1/x", "10.1/x", "10.1/x", null }, new[] { "https://doi.org/10.1/x", "doi:10.1/x", " 10.1/x ", "  " }.Select(Citation.NormaliseDoi));
}
