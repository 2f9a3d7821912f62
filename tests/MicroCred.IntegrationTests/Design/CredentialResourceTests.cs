using System.Net;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Design;

/// <summary>
/// Resource files of a published credential download from its public page (principle E), with their own name and
/// type; a draft's files, other people's evidence and other districts' addresses give nothing.
/// </summary>
public sealed class CredentialResourceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    [Fact]
    public async Task A_published_credentials_resource_file_downloads_from_its_public_page_and_nowhere_else()
    {
        var pdf = EvidenceSamples.Pdf();
        var file = await kit.Upload(AssessmentKit.Developer, "talk-moves-guide.pdf", pdf);
        var name = "Resourced practice";
        var content = AssessmentKit.Content(name, 2);
        content = content with { Resources = [.. content.Resources, new Resource(Guid.NewGuid(), "Printable guide", ResourceKind.LessonPlan, null, file.Id, null)] };
        var id = await kit.As(AssessmentKit.Developer, s => s.Send(new CreateCredential(name)).AsTask());
        await kit.As(AssessmentKit.Developer, s => s.Send(new SaveCredentialDraft(id, content)).AsTask());
        var url = $"/springfield/credentials/{id}/files/{file.Id}";
        using var visitor = new HttpSession(fixture.BaseAddress);

        // A draft's file is not public.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);

        await kit.As(AssessmentKit.Developer, s => s.Send(new PublishCredential(id)).AsTask());
        var page = await visitor.PageAsync($"/springfield/credentials/{id}");
        Assert.Equal(url, page.QuerySelectorAll(".resources a").Single(a => a.TextContent.Contains("Printable guide")).GetAttribute("href"));
        using var response = await visitor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("talk-moves-guide.pdf", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("sandbox", string.Join(" ", response.Headers.GetValues("Content-Security-Policy")));

        // Through another district's address, nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/shelbyville/credentials/{id}/files/{file.Id}")).StatusCode);

        // A teacher's evidence cannot be made a resource (the field is hidden, not trusted), nor fetched through the address.
        var evidence = await kit.Upload(AssessmentKit.Erin, "my-class.pdf", pdf);
        await kit.As(AssessmentKit.Developer, s => s.Send(new StartNewVersion(id)).AsTask());
        var stolen = content with { Resources = [.. content.Resources, new Resource(Guid.NewGuid(), "Someone's evidence", ResourceKind.Other, null, evidence.Id, null)] };
        var refused = await Assert.ThrowsAsync<DomainException>(() => kit.As(AssessmentKit.Developer, s => s.Send(new SaveCredentialDraft(id, stolen)).AsTask()));
        Assert.Contains("your own uploads", refused.Message);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/springfield/credentials/{id}/files/{evidence.Id}")).StatusCode);
    }
}
