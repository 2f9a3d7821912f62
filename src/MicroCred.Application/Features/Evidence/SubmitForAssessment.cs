using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// The earner submits their evidence for assessment. Refused with the list of every missing required item
/// (<see cref="Domain.Evidence.SubmissionIncompleteException"/>); once submitted the evidence is locked and the
/// assessment queue picks it up. The earner gets a confirmation email (<see cref="SubmissionEmails"/>).
/// </summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record SubmitForAssessment(Guid SubmissionId) : ICommand;

public sealed class SubmitForAssessmentHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SubmitForAssessment>
{
    public async ValueTask<Unit> Handle(SubmitForAssessment command, CancellationToken ct)
    {
        var submission = await db.MySubmissionAsync(command.SubmissionId, user.Id, ct);
        var version = await db.SubmissionVersionAsync(submission, ct);
        submission.Submit(version.Content, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
