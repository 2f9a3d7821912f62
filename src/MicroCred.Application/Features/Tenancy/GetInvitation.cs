using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>What the invitation link shows before anyone accepts it. Anyone holding the link may look.</summary>
public sealed record GetInvitation(string Token) : IQuery<InvitationView>;

public sealed record InvitationView(string DistrictName, string Email, DistrictRole Roles, InvitationStatus Status,
    string InvitedBy, DateTimeOffset ExpiresAt, bool AccountExists, bool AlreadyMember);

public sealed class GetInvitationHandler(AppDbContext db, ITenantContext tenant, ICurrentUser current, TimeProvider clock)
    : IQueryHandler<GetInvitation, InvitationView>
{
    public async ValueTask<InvitationView> Handle(GetInvitation query, CancellationToken ct)
    {
        var hash = Tokens.Hash(query.Token);
        var found = await db.Invitations.AsNoTracking().Where(i => i.TokenHash == hash)
            .Select(i => new
            {
                Invitation = i,
                InvitedBy = db.Users.Where(u => u.Id == i.InvitedBy).Select(u => u.DisplayName).FirstOrDefault(),
                AccountExists = db.Users.Any(u => u.NormalizedEmail == i.Email.ToUpper()),
            })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException(nameof(Invitation), "link");
        var districtName = await db.Districts.Where(d => d.Id == tenant.TenantId).Select(d => d.Name).SingleAsync(ct);
        var alreadyMember = current.Id is { } me && await db.Memberships.AnyAsync(m => m.UserId == me, ct);
        var i = found.Invitation;
        return new InvitationView(districtName, i.Email, i.Roles, i.StatusAt(clock.GetUtcNow()), found.InvitedBy ?? "An Admin",
            i.ExpiresAt, found.AccountExists, alreadyMember);
    }
}
