using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

public enum BadgeClaimStatus { Open, Claimed, Expired, Withdrawn }

/// <summary>What a claim link shows: the badge, the district, whether it can still be claimed.</summary>
public sealed record BadgeClaimView(string DistrictName, string BadgeName, DateTimeOffset IssuedOn, BadgeClaimStatus Status, DateTimeOffset ExpiresAt,
    bool DistrictSuspended);

/// <summary>The claim link's page. Anyone holding the link may look; it shows nothing about any account.</summary>
public sealed record GetBadgeClaim([property: NotAudited] string Token) : IQuery<BadgeClaimView>;

public sealed class GetBadgeClaimHandler(AppDbContext db, ITenantContext tenant, TimeProvider clock) : IQueryHandler<GetBadgeClaim, BadgeClaimView>
{
    public async ValueTask<BadgeClaimView> Handle(GetBadgeClaim query, CancellationToken ct)
    {
        var hash = Tokens.Hash(query.Token ?? "");
        var found = await db.BadgeClaims.AsNoTracking().Where(c => c.TokenHash == hash)
            .Join(db.Assertions, c => c.AssertionId, a => a.Id, (c, a) => new { Claim = c, a.BadgeName, a.IssuedOn, a.RevokedAt })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException(nameof(BadgeClaim), "link");
        var district = await db.Districts.AsNoTracking().Where(d => d.Id == tenant.TenantId).Select(d => new { d.Name, d.SuspendedAt }).SingleAsync(ct);
        var now = clock.GetUtcNow();
        var status = found.Claim.ClaimedAt is not null ? BadgeClaimStatus.Claimed
            : found.RevokedAt is not null ? BadgeClaimStatus.Withdrawn
            : found.Claim.IsOpenAt(now) ? BadgeClaimStatus.Open : BadgeClaimStatus.Expired;
        return new BadgeClaimView(district.Name, found.BadgeName, found.IssuedOn, status, found.Claim.ExpiresAt, district.SuspendedAt is not null);
    }
}

/// <summary>
/// The person a badge was issued to by email takes it into their backpack with the link from that email: signed in
/// with an account whose confirmed email is the one the badge names. They do not become a member of the district.
/// </summary>
[RequiresSignIn]
public sealed record ClaimBadge([property: NotAudited] string Token) : ICommand<Guid>;

public sealed class ClaimBadgeValidator : AbstractValidator<ClaimBadge>
{
    public ClaimBadgeValidator() => RuleFor(c => c.Token).NotEmpty().WithMessage("Open the link from the email again: it carries the claim.");
}

public sealed class ClaimBadgeHandler(AppDbContext db, ITenantContext tenant, ICurrentUser current, TimeProvider clock)
    : ICommandHandler<ClaimBadge, Guid>
{
    public async ValueTask<Guid> Handle(ClaimBadge command, CancellationToken ct)
    {
        var hash = Tokens.Hash(command.Token);
        var claim = await db.BadgeClaims.SingleOrDefaultAsync(c => c.TokenHash == hash, ct)
            ?? throw new DomainException("This link is not valid. Open the link from the email again, exactly as it was sent.");
        if (await db.Districts.AnyAsync(d => d.Id == tenant.TenantId && d.SuspendedAt != null, ct))
            throw new DomainException("This district is suspended by the platform operator: its badges cannot be claimed now.");
        var assertion = await db.Assertions.SingleAsync(a => a.Id == claim.AssertionId, ct);
        var me = await db.Users.AsNoTracking().Where(u => u.Id == current.Id).Select(u => new { u.Id, u.Email, u.EmailConfirmed }).SingleAsync(ct);
        if (!me.EmailConfirmed) throw new DomainException("Confirm your email address first (see the email we sent when you registered), then open the link again.");

        var now = clock.GetUtcNow();
        claim.Use(me.Id, now);
        assertion.ClaimBy(me.Id, me.Email);
        await db.SaveChangesAsync(ct);
        return assertion.Id;
    }
}
