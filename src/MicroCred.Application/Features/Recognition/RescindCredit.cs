using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Domain.Recognition;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroCred.Application.Features.Recognition;

/// <summary>A badge of this platform that was just revoked: its public URL (the assertion id recognizers stored), name and reason.</summary>
public sealed record RevokedBadge(string AssertionUrl, string BadgeName, string Reason);

/// <summary>
/// Credit that follows the badge (principle S): when a badge behind granted credit is revoked, every organisation that
/// granted credit for it has that credit marked rescinded (recorded, never deleted), its recognizers and the teacher
/// are emailed, and the change is audited in that organisation's trail, naming who revoked the badge. Credit requests
/// belong to the recognizer's district, so each organisation is handled in its own scope and transaction, after the
/// revocation is committed.
/// </summary>
public sealed class CreditRescinder(IServiceScopeFactory scopes, ICurrentUser user, ILogger<CreditRescinder> logger)
{
    public async Task BadgesRevokedAsync(IReadOnlyList<RevokedBadge> revoked, CancellationToken ct)
    {
        if (revoked.Count == 0) return;
        var urls = revoked.Select(r => r.AssertionUrl).ToList();
        List<(Guid Id, string Slug, string Name)> organisations;
        await using (var scope = scopes.CreateAsyncScope())
        {
            organisations = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Districts.AsNoTracking().Where(d => d.AcceptsCreditRequests)
                .Select(d => new { d.Id, d.Slug, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Slug, d.Name)).ToList();
        }
        foreach (var (id, slug, name) in organisations)
        {
            // One organisation's failure must not keep the others' credit standing on a revoked badge.
            try
            {
                await RescindInAsync(id, slug, name, revoked, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not rescind credit in {District} for revoked badges {Badges}", slug, urls);
            }
        }
    }

    /// <summary>Rescinds, in one organisation, the credit it granted on these revoked badges. Returns how many grants.</summary>
    public async Task<int> RescindInAsync(Guid id, string slug, string name, IReadOnlyList<RevokedBadge> revoked, CancellationToken ct)
    {
        var urls = revoked.Select(r => r.AssertionUrl).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<TenantContext>().Set(id, slug);
        if (user.Id is { } by) services.GetRequiredService<CurrentUser>().Set(by, user.Email, user.Name);
        using var audit = services.GetRequiredService<AuditScope>().Begin("RescindCredit", new { Badges = urls });
        var db = services.GetRequiredService<AppDbContext>();
        var granted = await db.CreditRequests.Where(r => r.Status == CreditRequestStatus.Approved && r.AssertionId != null && urls.Contains(r.AssertionId))
            .ToListAsync(ct);
        if (granted.Count == 0) return 0;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var outbox = services.GetRequiredService<EmailOutbox>();
        var links = services.GetRequiredService<ILinkBuilder>();
        var recognizers = await RecognizersAsync(db, ct);
        foreach (var request in granted)
        {
            var badge = revoked.First(r => r.AssertionUrl == request.AssertionId);
            request.Rescind($"The badge was revoked by its issuer: {badge.Reason}", now);
            var credit = $"{request.Units:0.##} {request.CreditUnit} ({request.CreditTypeName})";
            var teacher = await db.Users.Where(u => u.Id == request.RequesterId).Select(u => u.Email).SingleOrDefaultAsync(ct);
            if (teacher is not null)
                outbox.Queue(teacher, $"Credit rescinded: {request.BadgeName}",
                    [$"The badge \"{request.BadgeName}\" was revoked by its issuer, so the credit {name} granted for it ({credit}) has been rescinded.",
                        $"The issuer's reason: {badge.Reason}", "Your credit transcript shows it as rescinded."],
                    "See your credit transcript", links.Absolute("/account/transcript"));
            foreach (var recognizer in recognizers)
                outbox.Queue(recognizer, $"Credit rescinded: a badge was revoked",
                    [$"The badge \"{request.BadgeName}\" behind credit you granted ({credit}) was revoked by its issuer.",
                        $"The issuer's reason: {badge.Reason}", "The credit is now marked rescinded; the request and its decision stay on record."],
                    "Open the request", links.Absolute($"/{slug}/recognition/requests/{request.Id}"));
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Rescinded {Count} credit grants in {District} after a badge was revoked", granted.Count, slug);
        return granted.Count;
    }

    private static async Task<List<string>> RecognizersAsync(AppDbContext db, CancellationToken ct)
    {
        var members = await db.Memberships.AsNoTracking().Select(m => new { m.UserId, m.Roles }).ToListAsync(ct);
        var ids = members.Where(m => (m.Roles & DistrictRole.Recognizer) != 0).Select(m => m.UserId).ToList();
        return (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.Email).ToListAsync(ct)).OfType<string>().ToList();
    }
}
