using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Design;

/// <summary>The seeded design data by name (ids are generated when the template is seeded).</summary>
public static class DesignData
{
    public const string SpringfieldDeveloper = "developer@springfield.test";
    public const string ShelbyvilleDeveloper = "developer@shelbyville.test";

    public static async Task<Guid> CredentialId(this AppFixture fixture, string slug, string name)
    {
        var (tenantId, _) = await fixture.District(slug);
        await using var scope = fixture.App.Scope(tenantId, slug);
        return await AppFixture.Get<AppDbContext>(scope).CredentialVersions.Where(v => v.Name == name).Select(v => v.CredentialId).FirstAsync();
    }

    public static async Task<Guid> StackId(this AppFixture fixture, string slug, string name)
    {
        var (tenantId, _) = await fixture.District(slug);
        await using var scope = fixture.App.Scope(tenantId, slug);
        return await AppFixture.Get<AppDbContext>(scope).Stacks.Where(s => s.Name == name).Select(s => s.Id).SingleAsync();
    }

    /// <summary>The prerequisite check, asked as Springfield's demo earner, by credential names.</summary>
    public static async Task<IReadOnlyList<RequiredFirst>> Missing(this AppFixture fixture, string credential, params string[] earned)
    {
        var id = await fixture.CredentialId("springfield", credential);
        var earnedIds = new HashSet<Guid>();
        foreach (var name in earned) earnedIds.Add(await fixture.CredentialId("springfield", name));
        await using var scope = await fixture.As("earner@springfield.test", "springfield");
        return await AppFixture.Get<ISender>(scope).Send(new GetMissingPrerequisites(id, earnedIds));
    }
}
