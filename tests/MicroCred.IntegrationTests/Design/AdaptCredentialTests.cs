using System.Net;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.IntegrationTests.Issuing;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Design;

/// <summary>
/// A Developer adapts another district's published micro-credential into a draft of their own, credited to the
/// original; the copy is theirs alone, and only a Developer may make one.
/// </summary>
public sealed class AdaptCredentialTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string ShelbyDeveloper = "developer@shelbyville.test";

    [Fact]
    public async Task A_developer_of_another_district_adapts_a_published_credential_credited_to_the_original()
    {
        var original = await fixture.PublishedCredentialAsync(DesignSeed.GoingPublic);
        using var dana = new HttpSession(fixture.BaseAddress);
        await dana.LogInAsync(ShelbyDeveloper);
        var catalogPage = await dana.PageAsync($"/springfield/credentials/{original}");
        var link = catalogPage.QuerySelector("#adapt-heading ~ ul a")!;
        Assert.Equal("Adapt into Shelbyville Unified", link.TextContent);

        var confirm = await dana.PageAsync(link.GetAttribute("href")!);
        Assert.Contains("Springfield", confirm.MainText());
        var response = await dana.PostAsync(link.GetAttribute("href")!, new Dictionary<string, string>(), HttpSession.TokenOf(confirm));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/shelbyville/design/credentials/", location);
        var adaptedId = Guid.Parse(location.Split('/')[^1]);

        // The copy is Shelbyville's, credited to the original, with the original's words and rubric.
        Guid springfieldId, shelbyvilleId;
        (springfieldId, _) = await fixture.District("springfield");
        (shelbyvilleId, _) = await fixture.District("shelbyville");
        await using (var scope = await fixture.As(ShelbyDeveloper, "shelbyville"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            var adapted = await db.MicroCredentials.AsNoTracking().SingleAsync(c => c.Id == adaptedId);
            Assert.Equal(shelbyvilleId, adapted.TenantId);
            Assert.Equal((original, DesignSeed.GoingPublic), (adapted.AdaptedFromCredentialId!.Value, adapted.AdaptedFromName));
            Assert.EndsWith($"/springfield/credentials/{original}", adapted.AdaptedFromUrl);
            var draft = await db.CredentialVersions.AsNoTracking().SingleAsync(v => v.CredentialId == adaptedId);
            Assert.Equal(VersionStatus.Draft, draft.Status);
            Assert.Equal(DesignSeed.GoingPublic, draft.Content.Name);
            Assert.NotEmpty(draft.Content.Rubric.Criteria);
            Assert.Contains(await db.AuditEntries.Where(a => a.Action == nameof(AdaptCredential)).Select(a => a.Targets).ToListAsync(),
                t => t.Contains(adaptedId.ToString(), StringComparison.Ordinal));

            // Published, its public page says where it came from.
            await AppFixture.Get<ISender>(scope).Send(new PublishCredential(adaptedId));
        }
        using var visitor = new HttpSession(fixture.BaseAddress);
        var publicPage = await visitor.PageAsync($"/shelbyville/credentials/{adaptedId}");
        var credit = publicPage.QuerySelector("#adapted-from")!;
        Assert.StartsWith($"Adapted from {DesignSeed.GoingPublic} by Springfield", credit.TextContent);
        Assert.EndsWith($"/springfield/credentials/{original}", credit.QuerySelector("a")!.GetAttribute("href"));

        // The original's district neither sees nor changes the copy, and its own credential is untouched.
        await using (var scope = await fixture.As("developer@springfield.test", "springfield"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            Assert.False(await db.MicroCredentials.AnyAsync(c => c.Id == adaptedId));
            Assert.Null((await db.MicroCredentials.AsNoTracking().SingleAsync(c => c.Id == original)).AdaptedFromName);
            var sender = AppFixture.Get<ISender>(scope);
            await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetCredentialForEditing(adaptedId)).AsTask());
            await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new RetireCredential(adaptedId)).AsTask());
        }
        using var springfieldDeveloper = new HttpSession(fixture.BaseAddress);
        await springfieldDeveloper.LogInAsync("developer@springfield.test");
        Assert.Equal(HttpStatusCode.NotFound, (await springfieldDeveloper.GetAsync($"/springfield/design/credentials/{adaptedId}")).StatusCode);
        Assert.NotEqual(springfieldId, shelbyvilleId);
    }

    [Fact]
    public async Task Only_a_developer_adapts_and_only_another_districts_published_credential()
    {
        var original = await fixture.PublishedCredentialAsync(DesignSeed.GoingPublic);
        foreach (var notDeveloper in new[] { "earner@shelbyville.test", "admin@shelbyville.test", "issuer@shelbyville.test" })
        {
            await using var scope = await fixture.As(notDeveloper, "shelbyville");
            await Assert.ThrowsAsync<ForbiddenException>(() => AppFixture.Get<ISender>(scope).Send(new AdaptCredential("springfield", original)).AsTask());
        }
        using (var eli = new HttpSession(fixture.BaseAddress))
        {
            await eli.LogInAsync("earner@shelbyville.test");
            Assert.Null((await eli.PageAsync($"/springfield/credentials/{original}")).QuerySelector("#adapt-heading"));
            Assert.Equal(HttpStatusCode.Forbidden, (await eli.GetAsync($"/shelbyville/design/credentials/adapt/springfield/{original}")).StatusCode);
        }

        await using (var scope = await fixture.As("developer@springfield.test", "springfield"))
        {
            var sender = AppFixture.Get<ISender>(scope);
            // One's own credential is edited, not adapted; a draft of another district is not in its public catalog.
            var own = await Assert.ThrowsAsync<DomainException>(() => sender.Send(new AdaptCredential("springfield", original)).AsTask());
            Assert.Contains("already your district's", own.Message);
        }
        Guid shelbyDraft;
        await using (var scope = await fixture.As(ShelbyDeveloper, "shelbyville"))
            shelbyDraft = await AppFixture.Get<ISender>(scope).Send(new CreateCredential("Shelbyville's unpublished idea"));
        await using (var scope = await fixture.As("developer@springfield.test", "springfield"))
            await Assert.ThrowsAsync<NotFoundException>(() => AppFixture.Get<ISender>(scope).Send(new AdaptCredential("shelbyville", shelbyDraft)).AsTask());
        await using (var scope = await fixture.As(ShelbyDeveloper, "shelbyville"))
            await Assert.ThrowsAsync<NotFoundException>(() => AppFixture.Get<ISender>(scope).Send(new AdaptCredential("no-such-district", original)).AsTask());
    }
}
