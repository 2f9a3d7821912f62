using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Assessment;

/// <summary>Waiting work an Admin should look at: past the district's turnaround target, or with nobody eligible to take it.</summary>
public sealed record AttentionItem(Guid SubmissionId, string Code, string Credential, DateTimeOffset SubmittedAt, DateTimeOffset DueAt, bool Overdue, string? Blocked)
{
    /// <summary>One line for a page or an email.</summary>
    public string Describe() =>
        $"{Code} ({Credential}): " + string.Join(" ", new[]
        {
            Overdue ? $"past the turnaround target (due {DueAt:d MMM yyyy})." : null,
            Blocked,
        }.Where(s => s is not null));
}

/// <summary>
/// The list of waiting work needing an Admin, in the acting district: what the Admin's home shows and what the
/// daily email (<see cref="AttentionDigestJob"/>) says.
/// </summary>
public sealed class WorkNeedingAttention(AppDbContext db, ITenantContext tenant, TimeProvider clock, WorkAssigner assigner)
{
    public async Task<IReadOnlyList<AttentionItem>> ListAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var credentials = await db.CredentialNamesAsync(ct);
        var stuck = (await assigner.StuckWorkAsync(ct)).ToDictionary(w => w.SubmissionId, w => StuckWork.Why(w.Reason, w.Needs == AssignmentRole.Adjudicator));
        var waiting = await db.Submissions.AsNoTracking()
            .Where(s => s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.InReview)
            .Select(s => new { s.Id, s.Code, s.CredentialId, s.SubmittedAt }).ToListAsync(ct);
        var ids = waiting.Select(s => s.Id).ToList();
        var reviews = await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.SubmissionId)).ToDictionaryAsync(r => r.SubmissionId, ct);
        var items = new List<AttentionItem>();
        foreach (var s in waiting.OrderBy(s => s.SubmittedAt))
        {
            var due = reviews.TryGetValue(s.Id, out var review)
                ? review.Status == ReviewStatus.AwaitingAdjudication ? review.DueFor(AssignmentRole.Adjudicator) : review.DueAt
                : policy.DueDate(s.SubmittedAt!.Value);
            var overdue = now > due;
            var blocked = stuck.GetValueOrDefault(s.Id);
            if (overdue || blocked is not null)
                items.Add(new AttentionItem(s.Id, s.Code, credentials.GetValueOrDefault(s.CredentialId, ""), s.SubmittedAt!.Value, due, overdue, blocked));
        }
        return items;
    }
}

/// <summary>For the Admin's home: waiting work past the turnaround target or with no eligible assessor.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetWorkNeedingAttention : IQuery<IReadOnlyList<AttentionItem>>;

public sealed class GetWorkNeedingAttentionHandler(WorkNeedingAttention attention) : IQueryHandler<GetWorkNeedingAttention, IReadOnlyList<AttentionItem>>
{
    public async ValueTask<IReadOnlyList<AttentionItem>> Handle(GetWorkNeedingAttention query, CancellationToken ct) => await attention.ListAsync(ct);
}

/// <summary>
/// Emails each district's Admins the work needing attention, at most once a day per district (the day is kept on
/// the district, <see cref="District.AttentionEmailed"/>), and only when there is some. Every district is read in its
/// own scope acting in that district, so one district's work never reaches another's Admins. With several instances, one
/// at a time considers a district (an advisory lock), and reads the day it was last emailed only once it holds it.
/// </summary>
public sealed class AttentionDigestJob(IServiceScopeFactory scopes, DatabaseLocks locks, IOptions<AssessmentOptions> options, TimeProvider clock,
    ILogger<AttentionDigestJob> logger)
    : BackgroundService
{
    /// <summary>At most this many lines in one email; the rest is on the Admin's home.</summary>
    public const int MaxLines = 20;

    // The day is kept per district, so a restart never sends twice.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPasses.RunAsync("The daily email about work needing attention", options.Value.AttentionDigestMinutes, RunOnceAsync, clock, logger,
            stoppingToken);

    /// <summary>Checks every district once. Returns the slugs of the districts whose Admins were emailed.</summary>
    public async Task<IReadOnlyList<string>> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(Guid Id, string Slug)> districts;
        await using (var scope = scopes.CreateAsyncScope())
            districts = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Districts.AsNoTracking()
                .Select(d => new { d.Id, d.Slug, d.AttentionEmailedOn }).ToListAsync(ct))
                .Where(d => d.AttentionEmailedOn != DateOnly.FromDateTime(now.UtcDateTime)).Select(d => (d.Id, d.Slug)).ToList();
        var emailed = new List<string>();
        foreach (var (id, slug) in districts)
        {
            await using var running = await locks.TryAcquireAsync(DatabaseLocks.Key("attention-digest", id), ct);
            if (running is null) continue; // another instance is considering this district now
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(id, slug);
            if (await EmailDistrictAsync(scope.ServiceProvider, ct)) emailed.Add(slug);
        }
        return emailed;
    }

    private async Task<bool> EmailDistrictAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var tenant = services.GetRequiredService<ITenantContext>();
        var district = await db.Districts.SingleAsync(d => d.Id == tenant.TenantId, ct);
        var now = clock.GetUtcNow();
        if (!district.MayEmailAttention(now)) return false;
        var items = await services.GetRequiredService<WorkNeedingAttention>().ListAsync(ct);
        if (items.Count == 0) return false;

        using var _ = services.GetRequiredService<AuditScope>().Begin("EmailWorkNeedingAttention", new { Items = items.Count });
        var outbox = services.GetRequiredService<EmailOutbox>();
        var links = services.GetRequiredService<ILinkBuilder>();
        var lines = items.Take(MaxLines).Select(i => i.Describe()).ToList();
        if (items.Count > MaxLines) lines.Add($"… and {items.Count - MaxLines} more.");
        foreach (var (email, name) in await db.AdminContactsAsync(ct))
            outbox.Queue(email, $"{items.Count} submission{(items.Count == 1 ? "" : "s")} in {district.Name} need{(items.Count == 1 ? "s" : "")} attention",
                [$"Hello {name},", "This work is waiting longer than the district's turnaround target, or nobody eligible can take it:", .. lines],
                "Open the assessment queue", links.Absolute($"/{district.Slug}/assessment/admin"));
        district.AttentionEmailed(now);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Emailed the Admins of {District} about {Count} submissions needing attention", district.Slug, items.Count);
        return true;
    }
}
