using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>
/// The signed-in person accepts an invitation: they join the district, or gain its roles if already a member. The
/// invitation is bound to the email it was sent to: only the account with that email may accept it (a forwarded or
/// leaked link does not make someone else a member).
/// </summary>
[RequiresSignIn]
public sealed record AcceptInvitation(string Token) : ICommand;

/// <summary>
/// Someone without an account accepts by creating one. The account takes the invitation's email address,
/// already confirmed: the link reached that mailbox.
/// </summary>
public sealed record AcceptInvitationWithNewAccount(string Token, string DisplayName, string Password) : ICommand;

public sealed class AcceptInvitationWithNewAccountValidator : AbstractValidator<AcceptInvitationWithNewAccount>
{
    public AcceptInvitationWithNewAccountValidator()
    {
        RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter your name as it should appear on your badges.").MaximumLength(120);
        RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.")
            .MinimumLength(10).WithMessage("Use at least 10 characters: a short sentence you will remember works well.").MaximumLength(200);
    }
}

public sealed class AcceptInvitationHandler(
    AppDbContext db, ICurrentUser current, CurrentUser currentUser, UserManager<User> users, SignInManager<User> signIn,
    CurrentMember member, TimeProvider clock)
    : ICommandHandler<AcceptInvitation>, ICommandHandler<AcceptInvitationWithNewAccount>
{
    public async ValueTask<Unit> Handle(AcceptInvitation command, CancellationToken ct)
    {
        var invitation = await Find(command.Token, ct);
        var me = await users.FindByIdAsync(current.Id!.Value.ToString()) ?? throw new NotFoundException("Account", current.Id);
        if (!string.Equals(users.NormalizeEmail(me.Email), users.NormalizeEmail(invitation.Email), StringComparison.Ordinal))
            throw new DomainException($"This invitation is for {invitation.Email}, and you are signed in as {me.Email}. Log out, then log in with {invitation.Email} (or create its account from this link) to accept it.");
        await Join(invitation, me.Id, ct);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(AcceptInvitationWithNewAccount command, CancellationToken ct)
    {
        var invitation = await Find(command.Token, ct);
        invitation.EnsurePending(clock.GetUtcNow()); // before an account is made for a dead link

        if (await users.FindByEmailAsync(invitation.Email) is not null)
            throw new DomainException($"An account for {invitation.Email} already exists. Log in to accept the invitation.");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new User
        {
            UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true,
            DisplayName = command.DisplayName.Trim(), CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, command.Password);
        if (!created.Succeeded) throw Accounts.IdentityErrors.ToValidation(created);
        currentUser.Set(user.Id, user.Email, user.DisplayName);
        await Join(invitation, user.Id, ct);
        await tx.CommitAsync(ct);
        await signIn.SignInAsync(user, isPersistent: false);
        return Unit.Value;
    }

    private async Task<Invitation> Find(string token, CancellationToken ct)
    {
        var hash = Tokens.Hash(token);
        return await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct)
            ?? throw new NotFoundException(nameof(Invitation), "link");
    }

    private async Task Join(Invitation invitation, Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        invitation.Accept(userId, now);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId, ct);
        if (membership is null) db.Memberships.Add(Membership.Join(invitation.TenantId, userId, invitation.Roles, now));
        else membership.Grant(invitation.Roles);
        await db.SaveChangesAsync(ct);
        member.Refresh();
    }
}
