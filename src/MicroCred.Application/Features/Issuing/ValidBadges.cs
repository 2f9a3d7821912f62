using MicroCred.Application.Data;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// What a person holds, in the acting district: their valid badges (not revoked, not expired), whichever way they were
/// issued (a decision, by hand, an import, a stack). The one place progress, prerequisites, "earned" counts and stack
/// badges ask, so a revoked or expired badge stops counting everywhere at once.
/// </summary>
public static class ValidBadges
{
    /// <summary>Badges valid at <paramref name="now"/>: the same rule as <see cref="Assertion.StatusAt"/>, for queries.</summary>
    public static IQueryable<Assertion> ValidAt(this IQueryable<Assertion> assertions, DateTimeOffset now) =>
        assertions.Where(a => a.RevokedAt == null && (a.Expires == null || a.Expires > now));

    /// <summary>The micro-credentials <paramref name="personId"/> holds a valid badge for.</summary>
    public static async Task<HashSet<Guid>> HeldCredentialsAsync(this AppDbContext db, Guid personId, DateTimeOffset now, CancellationToken ct) =>
        (await db.Assertions.AsNoTracking().ValidAt(now).Where(a => a.RecipientId == personId && a.CredentialId != null)
            .Select(a => a.CredentialId!.Value).Distinct().ToListAsync(ct)).ToHashSet();

    /// <summary>When the person's valid badge for the credential expires (null: never), or no row when they hold none.</summary>
    public static async Task<ValidBadge?> ValidBadgeForAsync(this AppDbContext db, Guid personId, Guid credentialId, DateTimeOffset now, CancellationToken ct) =>
        await db.Assertions.AsNoTracking().ValidAt(now).Where(a => a.RecipientId == personId && a.CredentialId == credentialId)
            .OrderByDescending(a => a.Expires == null).ThenByDescending(a => a.Expires)
            .Select(a => new ValidBadge(a.Id, a.IssuedOn, a.Expires)).FirstOrDefaultAsync(ct);
}

public sealed record ValidBadge(Guid AssertionId, DateTimeOffset IssuedOn, DateTimeOffset? Expires);
