using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

public enum BadgeFilter { All, Valid, Expired, Revoked }

/// <summary>The district's issued badges for its Issuers, newest first, filtered by status, credential and a search of name or email.</summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record ListIssuedBadges(BadgeFilter Status = BadgeFilter.All, Guid? CredentialId = null, string? Search = null, int Page = 1)
    : IQuery<IssuedBadgePage>
{
    public const int PageSize = 50;
}

public sealed record IssuedBadgePage(IReadOnlyList<IssuedBadgeRow> Rows, int Total, int Page, int Pages, IReadOnlyList<CredentialOption> Credentials);

public sealed record IssuedBadgeRow(Guid Id, string BadgeName, string RecipientName, string RecipientEmail, DateTimeOffset IssuedOn,
    DateTimeOffset? Expires, AssertionStatus Status, bool Signed);

public sealed record CredentialOption(Guid CredentialId, string Name);

/// <summary>One issued badge with everything the Issuer may see (the recipient's email included).</summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record GetIssuedBadge(Guid AssertionId) : IQuery<IssuedBadgeDetail>;

public sealed record IssuedBadgeDetail(Guid Id, string BadgeName, string RecipientName, string RecipientEmail, DateTimeOffset IssuedOn,
    DateTimeOffset? Expires, AssertionStatus Status, bool Signed, string? Narrative, string? EvidenceUrl, Guid? SubmissionId,
    string? IssuedByName, DateTimeOffset? RevokedAt, string? RevocationReason, string? RevokedByName, string PublicUrl)
{
    /// <summary>Why it was issued (assessment, a stack, prior learning, a migration).</summary>
    public AwardBasis Basis { get; init; }
}

/// <summary>The published micro-credentials an Issuer may award by hand.</summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record ListAwardableCredentials : IQuery<IReadOnlyList<CredentialOption>>;

public sealed class IssuedBadgesHandler(AppDbContext db, TimeProvider clock, BadgeLinks links)
    : IQueryHandler<ListIssuedBadges, IssuedBadgePage>, IQueryHandler<GetIssuedBadge, IssuedBadgeDetail>,
      IQueryHandler<ListAwardableCredentials, IReadOnlyList<CredentialOption>>
{
    public async ValueTask<IssuedBadgePage> Handle(ListIssuedBadges query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var q = db.Assertions.AsNoTracking();
        q = query.Status switch
        {
            BadgeFilter.Valid => q.Where(a => a.RevokedAt == null && (a.Expires == null || a.Expires > now)),
            BadgeFilter.Expired => q.Where(a => a.RevokedAt == null && a.Expires != null && a.Expires <= now),
            BadgeFilter.Revoked => q.Where(a => a.RevokedAt != null),
            _ => q,
        };
        if (query.CredentialId is { } credentialId) q = q.Where(a => a.CredentialId == credentialId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            q = q.Where(a => EF.Functions.ILike(a.RecipientEmail, pattern) || EF.Functions.ILike(a.RecipientName, pattern) || EF.Functions.ILike(a.BadgeName, pattern));
        }
        var total = await q.CountAsync(ct);
        var pages = Math.Max(1, (total + ListIssuedBadges.PageSize - 1) / ListIssuedBadges.PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var rows = await q.OrderByDescending(a => a.IssuedOn).ThenByDescending(a => a.Id)
            .Skip((page - 1) * ListIssuedBadges.PageSize).Take(ListIssuedBadges.PageSize)
            .Select(a => new { a.Id, a.BadgeName, a.RecipientName, a.RecipientEmail, a.IssuedOn, a.Expires, a.RevokedAt, a.Verification })
            .ToListAsync(ct);
        return new IssuedBadgePage(
            [.. rows.Select(a => new IssuedBadgeRow(a.Id, a.BadgeName, a.RecipientName, a.RecipientEmail, a.IssuedOn, a.Expires,
                a.RevokedAt is not null ? AssertionStatus.Revoked : a.Expires is { } e && e <= now ? AssertionStatus.Expired : AssertionStatus.Valid,
                a.Verification == BadgeVerification.Signed))],
            total, page, pages, await IssuedCredentialsAsync(ct));
    }

    public async ValueTask<IssuedBadgeDetail> Handle(GetIssuedBadge query, CancellationToken ct)
    {
        var a = await db.Assertions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.AssertionId, ct)
            ?? throw new NotFoundException(nameof(Assertion), query.AssertionId);
        var people = await db.Users.AsNoTracking().Where(u => u.Id == a.IssuedBy || u.Id == a.RevokedBy)
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return new IssuedBadgeDetail(a.Id, a.BadgeName, a.RecipientName, a.RecipientEmail, a.IssuedOn, a.Expires, a.StatusAt(clock.GetUtcNow()),
            a.IsSigned, a.Narrative, a.EvidenceUrl, a.SubmissionId,
            a.IssuedBy is { } by && people.TryGetValue(by, out var issuer) ? issuer : null, a.RevokedAt, a.RevocationReason,
            a.RevokedBy is { } rb && people.TryGetValue(rb, out var revoker) ? revoker : null, links.Assertion(a.Id)) { Basis = a.Basis };
    }

    public async ValueTask<IReadOnlyList<CredentialOption>> Handle(ListAwardableCredentials query, CancellationToken ct) =>
        await db.CredentialVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published).OrderBy(v => v.Name)
            .Select(v => new CredentialOption(v.CredentialId, v.Name)).ToListAsync(ct);

    private async Task<IReadOnlyList<CredentialOption>> IssuedCredentialsAsync(CancellationToken ct)
    {
        var issued = await db.Assertions.AsNoTracking().Where(a => a.CredentialId != null)
            .GroupBy(a => a.CredentialId).Select(g => new { Id = g.Key!.Value, Name = g.Max(a => a.BadgeName)! }).ToListAsync(ct);
        return [.. issued.OrderBy(c => c.Name).Select(c => new CredentialOption(c.Id, c.Name))];
    }
}
