using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// An Issuer withdraws a badge, with a reason that is published with it: the hosted assertion then answers
/// <c>410 Gone</c>, a signed one joins the district's RevocationList, and the badge page says revoked and why.
/// </summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record RevokeBadge(Guid AssertionId, string Reason) : ICommand;

public sealed class RevokeBadgeValidator : AbstractValidator<RevokeBadge>
{
    public RevokeBadgeValidator() =>
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the badge is revoked: the reason is published with it.")
            .MaximumLength(Assertion.MaxReason).WithMessage($"Keep the reason to {Assertion.MaxReason} characters.");
}

public sealed class RevokeBadgeHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, IPublicDocumentChanges changes)
    : ICommandHandler<RevokeBadge>
{
    public async ValueTask<Unit> Handle(RevokeBadge command, CancellationToken ct)
    {
        var assertion = await db.Assertions.SingleOrDefaultAsync(a => a.Id == command.AssertionId, ct)
            ?? throw new NotFoundException(nameof(Assertion), command.AssertionId);
        assertion.Revoke(command.Reason, user.Id, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await changes.AssertionChangedAsync(assertion.Id, assertion.TenantId); // after the commit: caches drop it at once
        return Unit.Value;
    }
}
