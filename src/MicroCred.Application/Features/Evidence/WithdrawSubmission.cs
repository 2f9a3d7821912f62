using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Features.Evidence;

/// <summary>Takes submitted work back before an assessor has started on it: a draft again, evidence intact.</summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record WithdrawSubmission(Guid SubmissionId) : ICommand;

public sealed class WithdrawSubmissionHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<WithdrawSubmission>
{
    public async ValueTask<Unit> Handle(WithdrawSubmission command, CancellationToken ct)
    {
        var submission = await db.MySubmissionAsync(command.SubmissionId, user.Id, ct);
        submission.Withdraw(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
