using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// Issues a badge to someone who is not a member of the district, inside the calling command: the badge names only
/// their email, and one email carries a link to claim it (counted against an unverified district's daily cap). The
/// same whether or not the address has a MicroCred account: nobody's account or membership is touched or revealed.
/// </summary>
public sealed class BadgeClaimLinks(AppDbContext db, ITenantContext tenant, BadgeIssuing issuing, OutsideEmails outside, EmailOutbox outbox,
    ILinkBuilder links, TimeProvider clock)
{
    /// <summary>The member of the acting district with this email, or null for anyone else (account or not).</summary>
    public async Task<Guid?> MemberAsync(string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return await db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.NormalizedEmail })
            .Where(x => x.NormalizedEmail == normalized).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Issues <paramref name="award"/> (which names <c>ToEmail</c>) and sends the claim link when the cap allows.</summary>
    public async Task<(Guid AssertionId, bool Emailed)> IssueAsync(BadgeAward award, CancellationToken ct)
    {
        var assertionId = await issuing.IssueAsync(award with { RecipientId = null }, ct);
        var assertion = db.Assertions.Local.Single(a => a.Id == assertionId);
        var now = clock.GetUtcNow();
        var token = Tokens.NewToken();
        var emailed = await outside.TrySendAsync(ct);
        var claim = BadgeClaim.Open(tenant.TenantId!.Value, assertionId, assertion.RecipientEmail, Tokens.Hash(token), emailed, now);
        db.BadgeClaims.Add(claim);
        if (emailed)
        {
            var district = await db.Districts.AsNoTracking().Where(d => d.Id == tenant.TenantId).Select(d => d.Name).SingleAsync(ct);
            outbox.Queue(assertion.RecipientEmail, $"{district} issued you a badge: {assertion.BadgeName}",
                [$"{district} issued the Open Badge “{assertion.BadgeName}” to this email address ({assertion.IssuedOn:d MMMM yyyy}).",
                    "To keep it in your MicroCred backpack, open the link below and sign in, or create an account with this same email address. Claiming the badge does not make you a member of the district.",
                    $"The link works once, until {claim.ExpiresAt:d MMMM yyyy}. If you were not expecting this, ignore this email: nothing happens."],
                "Claim your badge", links.Absolute(ClaimPath(tenant.Slug!, token)));
        }
        return (assertionId, emailed);
    }

    /// <summary>The token rides in the query string: request logs record paths only, never query strings.</summary>
    public static string ClaimPath(string slug, string token) => $"/{slug}/claim?token={Uri.EscapeDataString(token)}";
}
