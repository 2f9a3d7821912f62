using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Recognition;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Recognition;

/// <summary>
/// The signed-in person's credit transcript across every organisation: credit granted, totals per credit type,
/// and requests still pending or declined. The read crosses districts: it lifts the tenant filter but keeps to
/// the person's own requests, which is exactly what row-level security on credit_requests allows.
/// </summary>
[RequiresSignIn]
public sealed record GetMyTranscript : IQuery<Transcript>;

public sealed record Transcript(string Name, string Email, IReadOnlyList<TranscriptLine> Lines, IReadOnlyList<CreditTotal> Totals);

public sealed record TranscriptLine(Guid Id, string Organisation, string OrganisationSlug, string BadgeName, string? IssuerName, CreditRequestStatus Status,
    DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, string? CreditTypeName, string? CreditUnit, decimal? Units, string? DeclineReason)
{
    /// <summary>For rescinded credit: when and why (the badge behind it was revoked).</summary>
    public DateTimeOffset? RescindedAt { get; init; }
    public string? RescissionReason { get; init; }
}

public sealed record CreditTotal(string Organisation, string CreditTypeName, string Unit, decimal Units, int Badges);

public sealed class GetMyTranscriptHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<GetMyTranscript, Transcript>
{
    public async ValueTask<Transcript> Handle(GetMyTranscript query, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var person = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new { u.DisplayName, u.Email }).SingleAsync(ct);
        var lines = await db.CreditRequests.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking()
            .Where(r => r.RequesterId == me)
            .Join(db.Districts, r => r.TenantId, d => d.Id, (r, d) => new { r, d })
            .OrderBy(x => x.d.Name).ThenByDescending(x => x.r.DecidedAt ?? x.r.SubmittedAt)
            .Select(x => new TranscriptLine(x.r.Id, x.d.Name, x.d.Slug, x.r.BadgeName, x.r.IssuerName, x.r.Status, x.r.SubmittedAt, x.r.DecidedAt,
                x.r.CreditTypeName, x.r.CreditUnit, x.r.Units, x.r.DeclineReason) { RescindedAt = x.r.RescindedAt, RescissionReason = x.r.RescissionReason })
            .ToListAsync(ct);
        var totals = lines.Where(l => l.Status == CreditRequestStatus.Approved)
            .GroupBy(l => (l.Organisation, l.CreditTypeName, l.CreditUnit))
            .Select(g => new CreditTotal(g.Key.Organisation, g.Key.CreditTypeName!, g.Key.CreditUnit!, g.Sum(l => l.Units ?? 0), g.Count()))
            .OrderBy(t => t.Organisation).ThenBy(t => t.CreditTypeName).ToList();
        return new Transcript(person.DisplayName, person.Email!, lines, totals);
    }
}
