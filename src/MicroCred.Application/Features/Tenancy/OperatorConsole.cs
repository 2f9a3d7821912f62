using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>One district as the platform operator sees it: its size and activity, nothing of its content.</summary>
public sealed record OperatorDistrictRow(Guid Id, string Slug, string Name, DateTimeOffset CreatedAt, DateTimeOffset? VerifiedAt,
    DateTimeOffset? SuspendedAt, string? SuspensionReason, int Members, int Badges, DateTimeOffset? LastActivity, int EmailsToday, int EmailsHeldToday);

public sealed record OperatorDistrictList(IReadOnlyList<OperatorDistrictRow> Districts, int Total, int DailyCap);

/// <summary>
/// The operator's list of districts, newest first (a page of <see cref="PageSize"/>). Counts are read inside each
/// district (row-level security allows nothing else), so the operator's scope never holds a district's rows.
/// </summary>
[RequiresOperator]
public sealed record ListDistrictsForOperator(int Page = 1) : IQuery<OperatorDistrictList>
{
    public const int PageSize = 50;
}

public sealed class ListDistrictsForOperatorHandler(AppDbContext db, IServiceScopeFactory scopes, OutsideEmails outside, TimeProvider clock)
    : IQueryHandler<ListDistrictsForOperator, OperatorDistrictList>
{
    public async ValueTask<OperatorDistrictList> Handle(ListDistrictsForOperator query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var page = Math.Max(1, query.Page);
        var total = await db.Districts.CountAsync(ct);
        var districts = await db.Districts.AsNoTracking().OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Slug)
            .Skip((page - 1) * ListDistrictsForOperator.PageSize).Take(ListDistrictsForOperator.PageSize).ToListAsync(ct);
        var rows = new List<OperatorDistrictRow>();
        foreach (var d in districts)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(d.Id, d.Slug);
            var inside = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var members = await inside.Memberships.CountAsync(ct);
            var badges = await inside.Assertions.CountAsync(ct);
            var last = await inside.AuditEntries.MaxAsync(e => (DateTimeOffset?)e.At, ct);
            rows.Add(new OperatorDistrictRow(d.Id, d.Slug, d.Name, d.CreatedAt, d.VerifiedAt, d.SuspendedAt, d.SuspensionReason, members, badges, last,
                d.OutsideEmailsSentOn(now), d.OutsideEmailsHeldOn(now)));
        }
        return new OperatorDistrictList(rows, total, outside.DailyCap);
    }
}

/// <summary>
/// Loads a district for an operator's command and makes it the acting district, so the command's audit entry lands
/// in that district's own trail (its Admins see who verified or suspended it). Call before any other query.
/// </summary>
public sealed class OperatorTarget(AppDbContext db, TenantContext tenant, DistrictDirectory directory)
{
    public async Task<Domain.Tenancy.District> LoadAsync(Guid districtId, CancellationToken ct)
    {
        var slug = await db.Districts.AsNoTracking().Where(d => d.Id == districtId).Select(d => d.Slug).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("District", districtId);
        tenant.Set(districtId, slug);
        directory.Forget(slug);
        return await db.Districts.SingleAsync(d => d.Id == districtId, ct);
    }
}
