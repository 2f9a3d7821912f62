using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Application.Features.Recognition;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// An Issuer withdraws a badge, with a reason that is published with it: the hosted assertion then answers
/// <c>410 Gone</c>, a signed one joins the district's RevocationList, and the badge page says revoked and why.
/// A stack's badge that depended on it is revoked too (unless the person still holds another valid badge for the
/// credential), with the reason; the earner is emailed; and credit granted anywhere on these badges is rescinded.
/// </summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record RevokeBadge(Guid AssertionId, string Reason) : ICommand;

public sealed class RevokeBadgeValidator : AbstractValidator<RevokeBadge>
{
    public RevokeBadgeValidator() =>
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the badge is revoked: the reason is published with it.")
            .MaximumLength(Assertion.MaxReason).WithMessage($"Keep the reason to {Assertion.MaxReason} characters.");
}

public sealed class RevokeBadgeHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, CacheEvictions changes, EmailOutbox outbox,
    BadgeLinks badges, CreditRescinder rescinder) : ICommandHandler<RevokeBadge>
{
    public async ValueTask<Unit> Handle(RevokeBadge command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var assertion = await db.Assertions.SingleOrDefaultAsync(a => a.Id == command.AssertionId, ct)
            ?? throw new NotFoundException(nameof(Assertion), command.AssertionId);
        assertion.Revoke(command.Reason, user.Id, now);
        var revoked = new List<Assertion> { assertion };
        revoked.AddRange(await RevokeDependentStacksAsync(assertion, now, ct));
        Tell(revoked);
        foreach (var a in revoked) changes.AssertionChanged(a.Id, a.TenantId); // every instance's cache drops it when this commits
        await db.SaveChangesAsync(ct);
        await rescinder.BadgesRevokedAsync(revoked.Select(a => new RevokedBadge(badges.Assertion(a.Id), a.BadgeName, a.RevocationReason!)).ToList(), ct);
        return Unit.Value;
    }

    /// <summary>Principle P kept true: a stack's badge means its holder holds every credential of it.</summary>
    private async Task<List<Assertion>> RevokeDependentStacksAsync(Assertion assertion, DateTimeOffset now, CancellationToken ct)
    {
        if (assertion.CredentialId is not { } credentialId) return [];
        if (assertion.RecipientId is null) return []; // not claimed yet: no stack badge stands on it
        if (await db.Assertions.ValidAt(now).AnyAsync(a => a.Id != assertion.Id && a.RecipientId == assertion.RecipientId && a.CredentialId == credentialId, ct))
            return []; // earned again: the stack still stands on the newer badge
        var stackIds = await db.Stacks.AsNoTracking().Where(s => s.CredentialIds.Contains(credentialId)).Select(s => s.Id).ToListAsync(ct);
        var dependents = await db.Assertions
            .Where(a => a.RecipientId == assertion.RecipientId && a.StackId != null && stackIds.Contains(a.StackId.Value) && a.RevokedAt == null).ToListAsync(ct);
        var reason = $"It depended on \"{assertion.BadgeName}\", which was revoked: {assertion.RevocationReason}";
        if (reason.Length > Assertion.MaxReason) reason = reason[..(Assertion.MaxReason - 1)] + "…";
        foreach (var dependent in dependents) dependent.Revoke(reason, user.Id, now);
        return dependents;
    }

    private void Tell(IReadOnlyList<Assertion> revoked)
    {
        var first = revoked[0];
        outbox.Queue(first.RecipientEmail, revoked.Count == 1 ? $"Your badge \"{first.BadgeName}\" was revoked" : $"Your badge \"{first.BadgeName}\" and {revoked.Count - 1} more were revoked",
            [$"Hello {first.RecipientName},",
                .. revoked.Select(a => $"\"{a.BadgeName}\" was revoked by its issuer. Reason: {a.RevocationReason}"),
                "A revoked badge no longer counts towards stacks or credit; anyone who checks it sees that it was revoked and why."],
            "See your backpack", badges.Assertion(first.Id));
    }
}
