using System.Net;
using System.Text;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Design;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroCred.IntegrationTests.Design;

/// <summary>Another district's Developer can neither see nor change Springfield's drafts, stacks or images, at any layer.</summary>
public sealed class CatalogIsolationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static readonly byte[] Svg = Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100"/></svg>""");

    [Fact]
    public async Task Handlers_run_as_another_districts_developer_find_nothing()
    {
        var draft = await fixture.CredentialId("springfield", DesignSeed.ExitTickets);
        var published = await fixture.CredentialId("springfield", DesignSeed.Discourse);
        var stack = await fixture.StackId("springfield", DesignSeed.LeadershipStack);

        await using var scope = await fixture.As(DesignData.ShelbyvilleDeveloper, "shelbyville");
        var sender = AppFixture.Get<ISender>(scope);
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetCredentialForEditing(draft)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new SaveCredentialDraft(draft, CredentialContent.Blank("Stolen", Rubric.DefaultLevelNames))).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new PublishCredential(draft)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetCredentialImageSettings(draft)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new PreviewCredentialImage(draft)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new UploadCredentialImage(draft, "x.svg", Svg)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new UseDefaultCredentialImage(published)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetCredentialImage(published)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetPublicCredential(published)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetStackForEditing(stack)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new UpdateStack(stack, "Taken over", "", false, [published, draft])).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new PublishStack(stack)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new UploadStackImage(stack, "x.svg", Svg)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new PreviewStackImage(stack)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetPublicStack(stack)).AsTask());
        Assert.Empty(await sender.Send(new ListStacks()));
        Assert.Equal([DesignSeed.RestorativeCircles], (await sender.Send(new GetStackableCredentials())).Select(c => c.Name));
        Assert.Empty(await sender.Send(new GetMissingPrerequisites(await fixture.CredentialId("springfield", DesignSeed.VirtualOrganizing), new HashSet<Guid>())));

        // Nothing changed in Springfield.
        await using var asSpringfield = await fixture.As(DesignData.SpringfieldDeveloper, "springfield");
        var db = AppFixture.Get<AppDbContext>(asSpringfield);
        Assert.Equal(DesignSeed.LeadershipStack, (await db.Stacks.SingleAsync(s => s.Id == stack)).Name);
        Assert.Equal(DesignSeed.ExitTickets, (await db.CredentialVersions.SingleAsync(v => v.CredentialId == draft)).Name);
    }

    [Fact]
    public async Task Over_http_another_districts_developer_gets_403_there_and_404_for_its_ids_at_home()
    {
        var draft = await fixture.CredentialId("springfield", DesignSeed.ExitTickets);
        var stack = await fixture.StackId("springfield", DesignSeed.LeadershipStack);
        using var other = new HttpSession(fixture.BaseAddress);
        await other.LogInAsync(DesignData.ShelbyvilleDeveloper);

        foreach (var path in new[]
                 {
                     "/springfield/design/stacks", "/springfield/design/stacks/new", $"/springfield/design/stacks/{stack}",
                     $"/springfield/design/credentials/{draft}/image", $"/springfield/design/credentials/{draft}/image/preview",
                     $"/springfield/design/stacks/{stack}/image/preview",
                 })
            Assert.True((await other.GetAsync(path)).StatusCode == HttpStatusCode.Forbidden, path);

        foreach (var path in new[]
                 {
                     $"/shelbyville/design/credentials/{draft}/image", $"/shelbyville/design/credentials/{draft}/image/preview",
                     $"/shelbyville/design/stacks/{stack}", $"/shelbyville/design/stacks/{stack}/image/preview",
                     $"/shelbyville/stacks/{stack}", $"/shelbyville/stacks/{stack}/image",
                 })
            Assert.True((await other.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, path);

        // Posting into Springfield with a valid token from a Shelbyville page is refused too.
        var token = HttpSession.TokenOf(await other.PageAsync("/shelbyville/design/stacks/new"))!;
        var post = await other.PostAsync($"/springfield/design/stacks/{stack}?handler=Publish", new Dictionary<string, string>(), token);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Svg), "Input.Image", "x.svg" }, { new StringContent(token), "__RequestVerificationToken" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Client.PostAsync($"/springfield/design/credentials/{draft}/image?handler=Upload", form)).StatusCode);

        // Members without the Developer role, and strangers, are kept out of the design pages as well.
        using var earner = new HttpSession(fixture.BaseAddress);
        await earner.LogInAsync("earner@springfield.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await earner.GetAsync("/springfield/design/stacks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await earner.GetAsync($"/springfield/design/credentials/{draft}/image")).StatusCode);
        using var stranger = new HttpSession(fixture.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/springfield/design/stacks")).StatusCode);
    }

    [Fact]
    public async Task Row_level_security_keeps_springfields_images_and_stacks_from_shelbyvilles_connection()
    {
        var (springfield, _) = await fixture.District("springfield");
        var (shelbyville, _) = await fixture.District("shelbyville");
        await using var connection = new NpgsqlConnection(TestPostgres.App(fixture.App.Database));
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{shelbyville}', false)", connection)) await set.ExecuteNonQueryAsync();
        foreach (var table in new[] { "badge_images", "stacks", "credential_versions", "micro_credentials" })
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FILTER (WHERE tenant_id = '{springfield}') FROM {table}", connection);
            Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
        }
        await using var ownerConnection = new NpgsqlConnection(TestPostgres.Owner(fixture.App.Database));
        await ownerConnection.OpenAsync();
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{springfield}', false)", ownerConnection)) await set.ExecuteNonQueryAsync();
        await using var images = new NpgsqlCommand("SELECT count(*) FROM badge_images", ownerConnection);
        Assert.Equal(2L, (long)(await images.ExecuteScalarAsync())!); // the seeded SVG and PNG exist, for Springfield
    }
}
