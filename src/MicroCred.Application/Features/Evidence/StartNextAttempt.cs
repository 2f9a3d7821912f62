using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// After "Not yet": the next attempt, on the same version, starting from this attempt's evidence (its text, links
/// and the same files), within the district's attempt cap. Returns the new draft (or the one already started).
/// </summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record StartNextAttempt(Guid SubmissionId) : ICommand<Guid>;

public sealed class StartNextAttemptHandler(AppDbContext db, ICurrentUser user, ITenantContext tenant, TimeProvider clock) : ICommandHandler<StartNextAttempt, Guid>
{
    public async ValueTask<Guid> Handle(StartNextAttempt command, CancellationToken ct)
    {
        var previous = await db.MySubmissionAsync(command.SubmissionId, user.Id, ct);
        if (await db.Submissions.Where(s => s.PreviousAttemptId == previous.Id).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct) is { } already) return already;
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var now = clock.GetUtcNow();
        var next = previous.StartNextAttempt(policy.MaxAttempts, now);
        db.Submissions.Add(next);
        await db.PlanEntryAsync(tenant.TenantId!.Value, previous.EarnerId, previous.CredentialId, now, ct);
        await db.SaveChangesAsync(ct);
        return next.Id;
    }
}
