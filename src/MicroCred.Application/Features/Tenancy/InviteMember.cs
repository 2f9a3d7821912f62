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

public sealed class InviteMemberHandler(InvitationSender invitations, AppDbContext db) : ICommandHandler<InviteMember, Guid>
{
    public async ValueTask<Guid> Handle(InviteMember command, CancellationToken ct)
    {
        var invitation = await invitations.SendAsync(command.Email, command.Roles, null, ct);
        await db.SaveChangesAsync(ct);
        return invitation.Id;
    }
}

/// <summary>
/// Invites one address inside the calling command (one invitation, one list, or a resend): refuses a member,
/// replaces a pending invitation to the same address, and queues the email. The caller saves.
/// </summary>
public sealed class InvitationSender(AppDbContext db, ITenantContext tenant, ICurrentUser current, EmailOutbox outbox, ILinkBuilder links, TimeProvider clock,
    OutsideEmails outside)
{
    public async Task<bool> IsMemberAsync(string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return await db.Memberships.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u.NormalizedEmail).AnyAsync(e => e == normalized, ct);
    }

    public async Task<Invitation> SendAsync(string address, DistrictRole roles, string? name, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var email = address.Trim().ToLowerInvariant();
        if (await IsMemberAsync(email, ct))
            throw new DomainException($"{email} is already a member. Change their roles in the member list instead.", "Email");

        foreach (var pending in await db.Invitations.Where(i => i.Email == email && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now).ToListAsync(ct))
            pending.Revoke(now);

        // An invitation goes to someone outside the district: an unverified district's daily cap applies.
        if (!await outside.TrySendAsync(ct)) throw new DomainException(outside.CapReached, "Email");

        var token = Tokens.NewToken();
        var invitation = Invitation.Create(tenant.TenantId!.Value, email, roles, Tokens.Hash(token), current.Id!.Value, now);
        db.Invitations.Add(invitation);

        var district = await db.Districts.Where(d => d.Id == tenant.TenantId).Select(d => d.Name).SingleAsync(ct);
        var roleNames = string.Join(" and ", roles.Split());
        outbox.Queue(email, $"You are invited to join {district} on MicroCred",
            [.. (string.IsNullOrWhiteSpace(name) ? Array.Empty<string>() : [$"Hello {name.Trim()},"]),
             $"{current.Name ?? current.Email} invited you to join {district} on MicroCred as {roleNames}.",
             "MicroCred is where educators earn micro-credentials: you submit evidence of a skill, trained assessors score it against a published rubric, and the district issues an Open Badge you keep for life.",
             $"The invitation is valid until {invitation.ExpiresAt:d MMMM yyyy}. It works with an existing MicroCred account or a new one."],
            "Accept the invitation", links.Absolute($"/{tenant.Slug}/invitations/{token}"));
        return invitation;
    }
}
