using System.Linq.Expressions;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>One badge in a teacher's backpack, with everything needed to open, share and download it.</summary>
public sealed record BackpackBadge(
    Guid Id, string Name, string DistrictName, string DistrictSlug, string IssuerName, DateTimeOffset IssuedOn, DateTimeOffset? Expires,
    AssertionStatus Status, DateTimeOffset? RevokedAt, string? RevocationReason, string ImagePath,
    string AssertionUrl, string PngUrl, string SvgUrl, string JsonUrl, string LinkedInUrl, bool OnPublicProfile, bool ShowsName);

public sealed record BackpackDistrict(string Name, string Slug, IReadOnlyList<BackpackBadge> Badges);

public sealed record Backpack(IReadOnlyList<BackpackDistrict> Districts, string? ProfileHandle, bool ProfileIsPublic)
{
    public int Count => Districts.Sum(d => d.Badges.Count);
}

/// <summary>
/// Every badge the signed-in person holds, from every district, grouped by district. The one read of assertions that
/// crosses districts: it lifts the tenant filter but keeps to the person's own badges, which is exactly what the
/// row-level-security policy on assertions (tenant or recipient) allows.
/// </summary>
[RequiresSignIn]
public sealed record GetMyBackpack : IQuery<Backpack>;

public sealed class GetMyBackpackHandler(AppDbContext db, ICurrentUser user, BadgeLinks links, TimeProvider clock) : IQueryHandler<GetMyBackpack, Backpack>
{
    public async ValueTask<Backpack> Handle(GetMyBackpack query, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var now = clock.GetUtcNow();
        var badges = await MyBadges(db, me).ToListAsync(ct);
        var profile = await db.PublicProfiles.AsNoTracking().Where(p => p.UserId == me)
            .Select(p => new { p.Handle, p.IsPublic, p.ShownAssertionIds }).SingleOrDefaultAsync(ct);
        var shown = profile?.ShownAssertionIds.ToHashSet() ?? [];
        var districts = badges
            .GroupBy(b => (b.DistrictName, b.DistrictSlug))
            .OrderBy(g => g.Key.DistrictName, StringComparer.CurrentCultureIgnoreCase)
            .Select(g => new BackpackDistrict(g.Key.DistrictName, g.Key.DistrictSlug, g
                .OrderByDescending(b => b.IssuedOn)
                .Select(b => new BackpackBadge(b.Id, b.BadgeName, b.DistrictName, b.DistrictSlug, b.IssuerName, b.IssuedOn, b.Expires,
                    b.RevokedAt is not null ? AssertionStatus.Revoked : b.Expires is { } e && e <= now ? AssertionStatus.Expired : AssertionStatus.Valid,
                    b.RevokedAt, b.RevocationReason, ImagePath(b.DistrictSlug, b.CredentialId, b.StackId),
                    links.Assertion(b.Id), links.BakedPng(b.Id), links.BakedSvg(b.Id), links.AssertionJson(b.Id),
                    LinkedIn.AddToProfile(b.BadgeName, b.IssuerName, b.IssuedOn, b.Expires, links.Assertion(b.Id), b.Id),
                    shown.Contains(b.Id), b.ShowsName))
                .ToList()))
            .ToList();
        return new Backpack(districts, profile?.Handle, profile?.IsPublic ?? false);
    }

    internal sealed record Row(Guid Id, string BadgeName, Guid? CredentialId, Guid? StackId, DateTimeOffset IssuedOn, DateTimeOffset? Expires,
        DateTimeOffset? RevokedAt, string? RevocationReason, string DistrictName, string DistrictSlug, string IssuerName, bool ShowsName);

    /// <summary>The person's own assertions in every district (the only cross-district read of them).</summary>
    internal static IQueryable<Row> MyBadges(AppDbContext db, Guid me, Expression<Func<Assertion, bool>>? where = null) =>
        db.Assertions.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking()
            .Where(a => a.RecipientId == me)
            .Where(where ?? (a => true))
            .Join(db.Districts, a => a.TenantId, d => d.Id, (a, d) => new { a, d })
            .OrderByDescending(x => x.a.IssuedOn)
            .Select(x => new Row(x.a.Id, x.a.BadgeName, x.a.CredentialId, x.a.StackId, x.a.IssuedOn, x.a.Expires, x.a.RevokedAt, x.a.RevocationReason,
                x.d.Name, x.d.Slug, x.d.IssuerName, x.a.ShowRecipientName));

    /// <summary>The badge image of the credential or stack (public, on the district's catalog).</summary>
    internal static string ImagePath(string slug, Guid? credentialId, Guid? stackId) =>
        credentialId is { } c ? $"/{slug}/credentials/{c}/image" : $"/{slug}/stacks/{stackId}/image";
}

/// <summary>LinkedIn's "Add licence or certification" link, pre-filled with the badge.</summary>
public static class LinkedIn
{
    public static string AddToProfile(string name, string organization, DateTimeOffset issuedOn, DateTimeOffset? expires, string url, Guid id)
    {
        var query = new List<string>
        {
            "startTask=CERTIFICATION_NAME",
            "name=" + Uri.EscapeDataString(name),
            "organizationName=" + Uri.EscapeDataString(organization),
            $"issueYear={issuedOn.UtcDateTime.Year}",
            $"issueMonth={issuedOn.UtcDateTime.Month}",
        };
        if (expires is { } e)
        {
            query.Add($"expirationYear={e.UtcDateTime.Year}");
            query.Add($"expirationMonth={e.UtcDateTime.Month}");
        }
        query.Add("certUrl=" + Uri.EscapeDataString(url));
        query.Add("certId=" + id);
        return "https://www.linkedin.com/profile/add?" + string.Join("&", query);
    }
}
