using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Design;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Testing;

/// <summary>
/// Issues and revokes real badges in the cloned demo database, through <see cref="BadgeIssuing"/> as the district's
/// Issuer would, for the backpack, public profile and import tests.
/// </summary>
public sealed class BadgeKit(AppFixture fixture)
{
    public static string IssuerOf(string district) => $"issuer@{district}.test";

    /// <summary>The published version of a demo credential of the district, with its validity period.</summary>
    public async Task<(Guid CredentialId, Guid VersionId, int? ValidityMonths)> Published(string district, string name)
    {
        await using var scope = await fixture.As(IssuerOf(district), district);
        var db = AppFixture.Get<AppDbContext>(scope);
        var version = await db.CredentialVersions.AsNoTracking().SingleAsync(v => v.Name == name && v.Status == VersionStatus.Published);
        return (version.CredentialId, version.Id, version.Content.ValidityMonths);
    }

    /// <summary>Issues <paramref name="credential"/> of <paramref name="district"/> to a member of it; returns the assertion id.</summary>
    public async Task<Guid> Issue(string email, string district, string credential, DateTimeOffset? issuedOn = null)
    {
        var (_, versionId, _) = await Published(district, credential);
        var recipient = await fixture.UserId(email);
        await using var scope = await fixture.As(IssuerOf(district), district);
        using var audit = AppFixture.Get<AuditScope>(scope).Begin("TestIssueBadge", null);
        var id = await AppFixture.Get<BadgeIssuing>(scope).IssueAsync(new BadgeAward(recipient, versionId, IssuedOn: issuedOn), default);
        await AppFixture.Get<AppDbContext>(scope).SaveChangesAsync();
        return id;
    }

    public async Task Revoke(Guid assertionId, string district, string reason)
    {
        await using var scope = await fixture.As(IssuerOf(district), district);
        var db = AppFixture.Get<AppDbContext>(scope);
        using var audit = AppFixture.Get<AuditScope>(scope).Begin("TestRevokeBadge", null);
        var assertion = await db.Assertions.SingleAsync(a => a.Id == assertionId);
        assertion.Revoke(reason, await fixture.UserId(IssuerOf(district)), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    /// <summary>Audit entries of an action: the district's, or those made outside any district when <paramref name="district"/> is null.</summary>
    public async Task<int> AuditCount(string action, string? district = null, string targetsContaining = "")
    {
        await using var scope = district is null ? fixture.App.Scope() : await fixture.As(IssuerOf(district), district);
        return await AppFixture.Get<AppDbContext>(scope).AuditEntries.CountAsync(a => a.Action == action && a.Targets.Contains(targetsContaining));
    }

    /// <summary>Reads the district's data as its Issuer.</summary>
    public async Task<T> Db<T>(Func<AppDbContext, Task<T>> read, string district = "springfield")
    {
        await using var scope = await fixture.As(IssuerOf(district), district);
        return await read(AppFixture.Get<AppDbContext>(scope));
    }

    /// <summary>Badges of the district issued to this address, claimed or not (someone outside it may have no account).</summary>
    public async Task<List<Assertion>> IssuedTo(string email, string district)
    {
        await using var scope = await fixture.As(IssuerOf(district), district);
        var address = email.ToLowerInvariant();
        return await AppFixture.Get<AppDbContext>(scope).Assertions.AsNoTracking().Where(a => a.RecipientEmail == address).ToListAsync();
    }

    public async Task<List<Assertion>> HeldBy(string email, string district)
    {
        var id = await fixture.UserId(email);
        await using var scope = await fixture.As(IssuerOf(district), district);
        return await AppFixture.Get<AppDbContext>(scope).Assertions.AsNoTracking().Where(a => a.RecipientId == id).ToListAsync();
    }
}
