using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>Invites an email address to the district with roles. Re-inviting the same address replaces the pending invitation.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record InviteMember(string Email, DistrictRole Roles) : ICommand<Guid>;

public sealed class InviteMemberValidator : AbstractValidator<InviteMember>
{
    public InviteMemberValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the email address to invite.")
            .EmailAddress().WithMessage("Enter an email address like name@school.org.").MaximumLength(254);
        RuleFor(c => c.Roles).Must(r => r != DistrictRole.None).WithMessage("Choose at least one role.")
            .Must(r => (r & ~DistrictRoles.Any) == 0).WithMessage("Unknown role.");
    }
}

public sealed class InviteMemberHandler(AppDbContext db, ITenantContext tenant, ICurrentUser current, EmailOutbox outbox, ILinkBuilder links, TimeProvider clock)
    : ICommandHandler<InviteMember, Guid>
{
    public async ValueTask<Guid> Handle(InviteMember command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var email = command.Email.Trim().ToLowerInvariant();
        var normalized = email.ToUpperInvariant();
        var alreadyMember = await db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.NormalizedEmail).AnyAsync(e => e == normalized, ct);
        if (alreadyMember)
            throw new DomainException($"{email} is already a member. Change their roles in the member list instead.", nameof(command.Email));

        foreach (var pending in await db.Invitations.Where(i => i.Email == email && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now).ToListAsync(ct))
            pending.Revoke(now);

        var token = Tokens.NewToken();
        var invitation = Invitation.Create(tenant.TenantId!.Value, email, command.Roles, Tokens.Hash(token), current.Id!.Value, now);
        db.Invitations.Add(invitation);

        var district = await db.Districts.Where(d => d.Id == tenant.TenantId).Select(d => d.Name).SingleAsync(ct);
        var roles = string.Join(" and ", command.Roles.Split());
        outbox.Queue(email, $"You are invited to join {district} on MicroCred",
            [$"{current.Name ?? current.Email} invited you to join {district} on MicroCred as {roles}.",
             "MicroCred is where educators earn micro-credentials: you submit evidence of a skill, trained assessors score it against a published rubric, and the district issues an Open Badge you keep for life.",
             $"The invitation is valid until {invitation.ExpiresAt:d MMMM yyyy}. It works with an existing MicroCred account or a new one."],
            "Accept the invitation", links.Absolute($"/{tenant.Slug}/invitations/{token}"));

        await db.SaveChangesAsync(ct);
        return invitation.Id;
    }
}
