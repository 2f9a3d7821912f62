using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// "My credentials": the earner's progress per credential (required prompts done) and per stack, what needs their
/// attention (drafts, "Not yet", target dates coming up), their personal plan and what the district recommends.
/// </summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record GetMyCredentials : IQuery<MyCredentials>;

public sealed record MyCredentials(IReadOnlyList<CredentialProgress> Credentials, IReadOnlyList<StackProgress> Stacks, IReadOnlyList<Attention> NeedsAttention,
    IReadOnlyList<PlanRow> Plan, IReadOnlyList<RecommendedRow> Recommended);

/// <summary>The latest attempt at one credential.</summary>
public sealed record CredentialProgress(Guid CredentialId, string Name, Guid SubmissionId, int Attempt, SubmissionStatus Status, int Done, int Required,
    DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt);

public sealed record StackProgress(Guid StackId, string Name, bool Sequential, IReadOnlyList<StackStep> Steps)
{
    /// <summary>Steps with a valid badge: a revoked or expired one does not count, a hand-issued or imported one does.</summary>
    public int Earned => Steps.Count(s => s.Held);
}

/// <param name="Status">The latest attempt's status, if any.</param>
/// <param name="Held">Whether the earner holds a valid badge for it (however it was issued).</param>
public sealed record StackStep(Guid CredentialId, string Name, SubmissionStatus? Status, bool Held = false);

/// <param name="Url">Where to act (a path in the district).</param>
public sealed record Attention(string Text, string Url, string Action);

public sealed record PlanRow(Guid CredentialId, string Name, DateOnly? TargetDate, bool DueSoon, SubmissionStatus? Status, Guid? SubmissionId);

public sealed record RecommendedRow(Guid CredentialId, string Name, string Audience, string? Note, bool InPlan);

public sealed class GetMyCredentialsHandler(AppDbContext db, ICurrentUser user, ITenantContext tenant, TimeProvider clock) : IQueryHandler<GetMyCredentials, MyCredentials>
{
    /// <summary>A target date this close (or past) needs attention.</summary>
    public const int DueSoonDays = 14;

    public async ValueTask<MyCredentials> Handle(GetMyCredentials query, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var now = clock.GetUtcNow();
        var slug = tenant.Slug;
        var mine = await db.Submissions.AsNoTracking().Include(s => s.Items).Where(s => s.EarnerId == me).ToListAsync(ct);
        var latest = mine.GroupBy(s => s.CredentialId).Select(g => g.MaxBy(s => s.Attempt)!).ToList();
        var versionIds = latest.Select(s => s.CredentialVersionId).Distinct().ToList();
        var versions = await db.CredentialVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var published = await db.CredentialVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published)
            .Select(v => new { v.CredentialId, v.Name }).ToDictionaryAsync(v => v.CredentialId, v => v.Name, ct);
        string NameOf(Guid credentialId, Guid? versionId = null) =>
            published.GetValueOrDefault(credentialId) ?? (versionId is { } v && versions.TryGetValue(v, out var ver) ? ver.Name : "A retired micro-credential");

        var credentials = latest.Select(s =>
        {
            var (done, required) = s.Progress(versions[s.CredentialVersionId].Content);
            return new CredentialProgress(s.CredentialId, NameOf(s.CredentialId, s.CredentialVersionId), s.Id, s.Attempt, s.Status, done, required,
                s.UpdatedAt, s.SubmittedAt, s.DecidedAt);
        }).OrderBy(c => c.Status == SubmissionStatus.Awarded).ThenByDescending(c => c.UpdatedAt).ToList();
        var statusOf = credentials.ToDictionary(c => c.CredentialId, c => c.Status);

        var plan = (await db.PlanEntries.AsNoTracking().Where(p => p.EarnerId == me).ToListAsync(ct))
            .Select(p => new PlanRow(p.CredentialId, NameOf(p.CredentialId), p.TargetDate,
                p.IsDueWithin(DueSoonDays, now) && statusOf.GetValueOrDefault(p.CredentialId) != SubmissionStatus.Awarded,
                statusOf.TryGetValue(p.CredentialId, out var st) ? st : null, credentials.FirstOrDefault(c => c.CredentialId == p.CredentialId)?.SubmissionId))
            .OrderBy(p => p.TargetDate ?? DateOnly.MaxValue).ThenBy(p => p.Name).ToList();

        var held = await db.HeldCredentialsAsync(me, now, ct);
        var involved = credentials.Select(c => c.CredentialId).Concat(plan.Select(p => p.CredentialId)).Concat(held).ToHashSet();
        var stacks = (await db.Stacks.AsNoTracking().Where(s => s.PublishedAt != null).OrderBy(s => s.Name).ToListAsync(ct))
            .Where(s => s.CredentialIds.Any(involved.Contains))
            .Select(s => new StackProgress(s.Id, s.Name, s.Sequential, s.CredentialIds.Where(published.ContainsKey)
                .Select(id => new StackStep(id, published[id], statusOf.TryGetValue(id, out var x) ? x : null, held.Contains(id))).ToList()))
            .ToList();

        var attention = new List<Attention>();
        foreach (var c in credentials)
        {
            var url = $"/{slug}/evidence/submissions/{c.SubmissionId}";
            if (c.Status == SubmissionStatus.Draft)
                attention.Add(new Attention($"{c.Name}: draft, {c.Done} of {c.Required} required prompts done.", url, $"Continue {c.Name}"));
            else if (c.Status == SubmissionStatus.NotYet)
                attention.Add(new Attention($"{c.Name}: not yet. Read the feedback, then start your next attempt.", url, $"Open {c.Name}"));
        }
        foreach (var p in plan.Where(p => p.DueSoon))
            attention.Add(new Attention(p.TargetDate < DateOnly.FromDateTime(now.UtcDateTime)
                    ? $"{p.Name}: your target date {p.TargetDate:d MMMM yyyy} has passed. Pick a new one?"
                    : $"{p.Name}: your target date is {p.TargetDate:d MMMM yyyy}.",
                p.SubmissionId is { } sid ? $"/{slug}/evidence/submissions/{sid}" : $"/{slug}/credentials/{p.CredentialId}", $"Open {p.Name}"));

        var school = await db.Memberships.AsNoTracking().Where(m => m.UserId == me).Select(m => m.SchoolId).FirstOrDefaultAsync(ct);
        var schools = await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var planned = plan.Select(p => p.CredentialId).ToHashSet();
        var recommended = (await db.Recommendations.AsNoTracking().Where(r => r.WithdrawnAt == null && (r.SchoolId == null || r.SchoolId == school))
                .OrderByDescending(r => r.RecommendedAt).ToListAsync(ct))
            .Where(r => published.ContainsKey(r.CredentialId) && statusOf.GetValueOrDefault(r.CredentialId) != SubmissionStatus.Awarded)
            .DistinctBy(r => r.CredentialId)
            .Select(r => new RecommendedRow(r.CredentialId, published[r.CredentialId], r.SchoolId is { } s ? $"for {schools.GetValueOrDefault(s, "your school")}" : "for every member",
                r.Note, planned.Contains(r.CredentialId)))
            .ToList();

        return new MyCredentials(credentials, stacks, attention, plan, recommended);
    }
}
