using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Common;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

public enum Decision { Award, NotYet }

/// <summary>
/// The Issuer awards or denies scored work, one submission or many at once, with one note for all of them.
/// All or nothing: if any of them was decided meanwhile, nothing is decided and the message says which. Nobody decides
/// their own work or that of someone they are in conflict with (<see cref="ConflictOfInterest"/>), and awarding work
/// recommended "Not yet" needs the note as its reason.
/// </summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record DecideSubmissions(IReadOnlyList<Guid> SubmissionIds, Decision Decision, string? Note) : ICommand<int>;

public sealed class DecideSubmissionsValidator : AbstractValidator<DecideSubmissions>
{
    public DecideSubmissionsValidator()
    {
        RuleFor(c => c.SubmissionIds).NotEmpty().WithMessage("Choose at least one submission.")
            .Must(ids => ids.Count <= 200).WithMessage("Decide at most 200 submissions at once.");
        RuleFor(c => c.Decision).IsInEnum();
        RuleFor(c => c.Note).MaximumLength(2000).WithMessage("Keep the note to 2000 characters.");
    }
}

public sealed class DecideSubmissionsHandler(AppDbContext db, SubmissionDecider decider, ICurrentUser user, ITenantContext tenant)
    : ICommandHandler<DecideSubmissions, int>
{
    public async ValueTask<int> Handle(DecideSubmissions command, CancellationToken ct)
    {
        var ids = command.SubmissionIds.Distinct().ToList();
        var submissions = await db.Submissions.Where(s => ids.Contains(s.Id)).ToListAsync(ct);
        if (submissions.Count != ids.Count) throw new NotFoundException(nameof(Submission), ids.Except(submissions.Select(s => s.Id)).First());
        var decided = submissions.Where(s => s.Status != SubmissionStatus.Scored).Select(s => s.Code).Order().ToList();
        if (decided.Count > 0)
            throw new DomainException($"Nothing was decided: {string.Join(", ", decided)} {(decided.Count == 1 ? "is" : "are")} not waiting for a decision any more. Reload the queue and try again.");
        var pool = await db.AssessorPoolAsync(await db.ReadDistrictPolicyAsync(tenant, ct), ct);
        foreach (var submission in submissions.OrderBy(s => s.ScoredAt))
        {
            pool.EnsureMayIssue(user.Id!.Value, submission.EarnerId, nameof(DecideSubmissions.SubmissionIds));
            if (command.Decision == Decision.Award) await decider.AwardAsync(submission, command.Note, ct);
            else decider.Deny(submission, command.Note);
        }
        await db.SaveChangesAsync(ct);
        return submissions.Count;
    }
}
