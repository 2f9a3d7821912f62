using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

[RequiresRole(DistrictRole.Admin)]
public sealed record ListMembers : IQuery<MemberList>;

public sealed record MemberList(IReadOnlyList<MemberRow> Members, IReadOnlyList<InvitationRow> Invitations);
public sealed record MemberRow(Guid MembershipId, Guid UserId, string Name, string Email, DistrictRole Roles, DateTimeOffset JoinedAt);
public sealed record InvitationRow(Guid Id, string Email, DistrictRole Roles, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

public sealed class ListMembersHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<ListMembers, MemberList>
{
    public async ValueTask<MemberList> Handle(ListMembers query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var members = await db.Memberships.AsNoTracking()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.u.DisplayName)
            .Select(x => new MemberRow(x.m.Id, x.u.Id, x.u.DisplayName, x.u.Email!, x.m.Roles, x.m.JoinedAt)).ToListAsync(ct);
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt)
            .Select(i => new InvitationRow(i.Id, i.Email, i.Roles, i.CreatedAt, i.ExpiresAt)).ToListAsync(ct);
        return new MemberList(members, invitations);
    }
}

[RequiresRole(DistrictRole.Admin)]
public sealed record ChangeMemberRoles(Guid MembershipId, DistrictRole Roles) : ICommand;

public sealed class ChangeMemberRolesValidator : AbstractValidator<ChangeMemberRoles>
{
    public ChangeMemberRolesValidator() =>
        RuleFor(c => c.Roles).Must(r => (r & ~DistrictRoles.Any) == 0).WithMessage("Unknown role.");
}

public sealed class ChangeMemberRolesHandler(AppDbContext db, CurrentMember member) : ICommandHandler<ChangeMemberRoles>
{
    public async ValueTask<Unit> Handle(ChangeMemberRoles command, CancellationToken ct)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == command.MembershipId, ct)
            ?? throw new NotFoundException(nameof(Membership), command.MembershipId);
        var otherAdmins = await db.Memberships.CountAsync(m => m.Id != membership.Id && (m.Roles & DistrictRole.Admin) != 0, ct);
        membership.ChangeRoles(command.Roles, otherAdmins);
        await db.SaveChangesAsync(ct);
        member.Refresh();
        return Unit.Value;
    }
}

[RequiresRole(DistrictRole.Admin)]
public sealed record RemoveMember(Guid MembershipId) : ICommand;

public sealed class RemoveMemberHandler(AppDbContext db, CurrentMember member) : ICommandHandler<RemoveMember>
{
    public async ValueTask<Unit> Handle(RemoveMember command, CancellationToken ct)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == command.MembershipId, ct)
            ?? throw new NotFoundException(nameof(Membership), command.MembershipId);
        var otherAdmins = await db.Memberships.CountAsync(m => m.Id != membership.Id && (m.Roles & DistrictRole.Admin) != 0, ct);
        membership.EnsureCanLeave(otherAdmins);
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(ct);
        member.Refresh();
        return Unit.Value;
    }
}
