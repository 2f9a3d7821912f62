using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// The earner puts a published micro-credential on their personal plan (principle Q), or changes its target date
/// (null clears it).
/// </summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record PlanCredential(Guid CredentialId, DateOnly? TargetDate) : ICommand;

public sealed class PlanCredentialHandler(AppDbContext db, ICurrentUser user, ITenantContext tenant, TimeProvider clock) : ICommandHandler<PlanCredential>
{
    public async ValueTask<Unit> Handle(PlanCredential command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var planned = await db.PlanEntries.AnyAsync(p => p.EarnerId == user.Id && p.CredentialId == command.CredentialId, ct);
        if (!planned && !await db.CredentialVersions.AnyAsync(v => v.CredentialId == command.CredentialId && v.Status == VersionStatus.Published, ct))
            throw new NotFoundException("Published micro-credential", command.CredentialId);
        var entry = await db.PlanEntryAsync(tenant.TenantId!.Value, user.Id!.Value, command.CredentialId, now, ct);
        entry.Target(command.TargetDate, now);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

/// <summary>Takes a credential off the earner's plan; work already started stays where it is.</summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record UnplanCredential(Guid CredentialId) : ICommand;

public sealed class UnplanCredentialHandler(AppDbContext db, ICurrentUser user) : ICommandHandler<UnplanCredential>
{
    public async ValueTask<Unit> Handle(UnplanCredential command, CancellationToken ct)
    {
        var entry = await db.PlanEntries.SingleOrDefaultAsync(p => p.EarnerId == user.Id && p.CredentialId == command.CredentialId, ct)
            ?? throw new NotFoundException("Plan entry", command.CredentialId);
        if (await db.Submissions.AnyAsync(s => s.EarnerId == user.Id && s.CredentialId == command.CredentialId
                && s.Status != Domain.Evidence.SubmissionStatus.Awarded && s.Status != Domain.Evidence.SubmissionStatus.NotYet, ct))
            throw new DomainException("You are working on this micro-credential: it stays on your plan until your attempt is decided.");
        db.PlanEntries.Remove(entry);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
