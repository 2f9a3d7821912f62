using System.Net;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Design;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Design;

/// <summary>Another district's developer cannot see or change a draft; other roles do not get the design pages.</summary>
public sealed class DesignIsolationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string DeveloperA = "developer@springfield.test";
    private const string DeveloperB = "developer@shelbyville.test";

    private async Task<Guid> SpringfieldDraftAsync(string name)
    {
        await using var scope = await fixture.As(DeveloperA, "springfield");
        return await AppFixture.Get<ISender>(scope).Send(new CreateCredential(name));
    }

    [Fact]
    public async Task The_handlers_run_by_another_districts_developer_answer_not_found()
    {
        var id = await SpringfieldDraftAsync("Springfield only");
        await using var asB = await fixture.As(DeveloperB, "shelbyville");
        var sender = AppFixture.Get<ISender>(asB);

        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetCredentialForEditing(id)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetCredentialVersion(id)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new SaveCredentialDraft(id, CredentialContent.Blank("Taken over", Rubric.DefaultLevelNames))).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new PublishCredential(id)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new DiscardDraft(id)).AsTask());
        Assert.DoesNotContain(await sender.Send(new ListCredentials()), c => c.Id == id || c.Name == "Springfield only");

        await using var asA = await fixture.As(DeveloperA, "springfield");
        var editor = await AppFixture.Get<ISender>(asA).Send(new GetCredentialForEditing(id));
        Assert.Equal(("Springfield only", VersionStatus.Draft), (editor.Content.Name, editor.Status));
    }

    [Fact]
    public async Task Over_http_another_districts_developer_gets_404_or_403_and_cannot_save_or_publish()
    {
        var id = await SpringfieldDraftAsync("Springfield draft over HTTP");
        using var b = new HttpSession(fixture.BaseAddress);
        await b.LogInAsync(DeveloperB);

        // In their own district the id does not exist; in springfield they are nobody.
        foreach (var path in new[] { $"/shelbyville/design/credentials/{id}", $"/shelbyville/design/credentials/{id}/preview" })
            Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(path)).StatusCode);
        foreach (var path in new[] { $"/springfield/design/credentials/{id}", $"/springfield/design/credentials/{id}/preview", "/springfield/design" })
            Assert.Equal(HttpStatusCode.Forbidden, (await b.GetAsync(path)).StatusCode);
        Assert.DoesNotContain("Springfield draft over HTTP", (await b.PageAsync("/shelbyville/design")).MainText());

        // A valid token from their own workspace does not get a save or a publish through.
        var token = HttpSession.TokenOf(await b.PageAsync("/shelbyville/design"))!;
        var fields = new Dictionary<string, string> { ["Input.Name"] = "Hijacked", ["Input.Competency"] = "Hijacked" };
        foreach (var handler in new[] { "Save", "Publish", "Discard" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/shelbyville/design/credentials/{id}?handler={handler}", fields, token)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await b.PostAsync($"/springfield/design/credentials/{id}?handler={handler}", fields, token)).StatusCode);
        }

        await using var asA = await fixture.As(DeveloperA, "springfield");
        var editor = await AppFixture.Get<ISender>(asA).Send(new GetCredentialForEditing(id));
        Assert.Equal(("Springfield draft over HTTP", VersionStatus.Draft, (string?)null), (editor.Content.Name, editor.Status, editor.Content.Competency));
    }

    [Fact]
    public async Task Only_developers_get_the_workspace_and_developers_or_admins_the_design_settings()
    {
        var id = await SpringfieldDraftAsync("Role check");
        var pages = new[] { "/springfield/design", $"/springfield/design/credentials/{id}", $"/springfield/design/credentials/{id}/preview" };

        using var earner = new HttpSession(fixture.BaseAddress);
        await earner.LogInAsync("earner@springfield.test");
        foreach (var path in pages.Append("/springfield/design/settings"))
            Assert.Equal(HttpStatusCode.Forbidden, (await earner.GetAsync(path)).StatusCode);
        Assert.DoesNotContain("/springfield/design", (await earner.PageAsync("/springfield")).QuerySelector("nav.district-nav")!.InnerHtml);

        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        foreach (var path in pages) Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/springfield/design/settings")).StatusCode);

        using var developer = new HttpSession(fixture.BaseAddress);
        await developer.LogInAsync(DeveloperA);
        foreach (var path in pages.Append("/springfield/design/settings"))
            Assert.Equal(HttpStatusCode.OK, (await developer.GetAsync(path)).StatusCode);
        Assert.NotNull((await developer.PageAsync("/springfield")).QuerySelector("nav.district-nav a[href='/springfield/design']"));

        using var stranger = new HttpSession(fixture.BaseAddress);
        var anonymous = await stranger.GetAsync("/springfield/design");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);
    }
}
