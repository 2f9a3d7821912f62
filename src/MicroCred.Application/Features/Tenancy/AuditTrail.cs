using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>The district's audit trail, newest first, filtered and paged.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record ListAuditTrail(int Page = 1, string? Action = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null)
    : IQuery<AuditPage>;

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Page, int PageCount, int Total, IReadOnlyList<string> Actions);
public sealed record AuditRow(long Id, DateTimeOffset At, string? Actor, string Action, string Targets, string? Details, string? RequestId);

public sealed class ListAuditTrailHandler(AppDbContext db) : IQueryHandler<ListAuditTrail, AuditPage>
{
    public const int PageSize = 50;

    public async ValueTask<AuditPage> Handle(ListAuditTrail query, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Action)) entries = entries.Where(e => e.Action == query.Action);
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var pattern = "%" + query.Actor.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            entries = entries.Where(e => EF.Functions.ILike(e.ActorName!, pattern));
        }
        if (query.From is { } from) entries = entries.Where(e => e.At >= new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (query.To is { } to) entries = entries.Where(e => e.At < new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

        var total = await entries.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await entries.OrderByDescending(e => e.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(e => new AuditRow(e.Id, e.At, e.ActorName, e.Action, e.Targets, e.Details, e.RequestId)).ToListAsync(ct);
        var actions = await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        return new AuditPage(rows, page, pageCount, total, actions);
    }
}
