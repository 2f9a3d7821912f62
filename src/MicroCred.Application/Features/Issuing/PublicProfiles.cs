using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MicroCred.Application.Features.Issuing;

public sealed record ProfileChoice(Guid Id, string Name, string DistrictName, DateTimeOffset IssuedOn, AssertionStatus Status, bool Shown);

public sealed record MyPublicProfile(string? Handle, bool IsPublic, string? PublicUrl, IReadOnlyList<ProfileChoice> Badges);

/// <summary>The signed-in person's public profile settings and the badges they may choose to show (revoked ones never).</summary>
[RequiresSignIn]
public sealed record GetMyPublicProfile : IQuery<MyPublicProfile>;

public sealed class GetMyPublicProfileHandler(AppDbContext db, ICurrentUser user, ILinkBuilder links, TimeProvider clock)
    : IQueryHandler<GetMyPublicProfile, MyPublicProfile>
{
    public async ValueTask<MyPublicProfile> Handle(GetMyPublicProfile query, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var now = clock.GetUtcNow();
        var profile = await db.PublicProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == me, ct);
        var shown = profile?.ShownAssertionIds.ToHashSet() ?? [];
        var badges = (await GetMyBackpackHandler.MyBadges(db, me, a => a.RevokedAt == null).ToListAsync(ct))
            .Select(b => new ProfileChoice(b.Id, b.BadgeName, b.DistrictName, b.IssuedOn,
                b.Expires is { } e && e <= now ? AssertionStatus.Expired : AssertionStatus.Valid, shown.Contains(b.Id)))
            .ToList();
        return new MyPublicProfile(profile?.Handle, profile?.IsPublic ?? false,
            profile is null ? null : links.Absolute(PublicProfileReader.PathOf(profile.Handle)), badges);
    }
}

/// <summary>
/// The teacher chooses their profile's handle, whether it is public, and which of their badges it shows. Only their own,
/// unrevoked badges can be chosen. Audited like every change.
/// </summary>
[RequiresSignIn]
public sealed record SavePublicProfile(string? Handle, bool IsPublic, IReadOnlyList<Guid> ShownBadgeIds) : ICommand;

public sealed class SavePublicProfileValidator : AbstractValidator<SavePublicProfile>
{
    public SavePublicProfileValidator()
    {
        RuleFor(c => c.Handle).NotEmpty().WithMessage("Choose a handle: it is the last part of your profile's address.")
            .Length(PublicProfile.MinHandle, PublicProfile.MaxHandle).WithMessage($"A handle has {PublicProfile.MinHandle} to {PublicProfile.MaxHandle} characters.")
            .Matches("^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")
            .WithMessage("Use only letters a–z, digits and hyphens, starting and ending with a letter or digit (e.g. pat-rivera).");
        RuleFor(c => c.ShownBadgeIds).Must(ids => ids.Count <= PublicProfile.MaxShown).WithMessage($"Show at most {PublicProfile.MaxShown} badges.");
    }
}

public sealed class SavePublicProfileHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SavePublicProfile>
{
    public async ValueTask<Unit> Handle(SavePublicProfile command, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var now = clock.GetUtcNow();
        var handle = PublicProfile.CheckHandle(command.Handle);
        var normalized = PublicProfile.Normalize(handle);
        if (await db.PublicProfiles.AnyAsync(p => p.NormalizedHandle == normalized && p.UserId != me, ct))
            throw Taken(handle);

        var chosen = command.ShownBadgeIds.Distinct().ToList();
        var mine = await GetMyBackpackHandler.MyBadges(db, me, a => chosen.Contains(a.Id)).ToListAsync(ct);
        if (chosen.Except(mine.Select(b => b.Id)).Any()) throw new NotFoundException(nameof(Assertion), chosen.Except(mine.Select(b => b.Id)).First());
        if (mine.FirstOrDefault(b => b.RevokedAt is not null) is { } revoked)
            throw new DomainException($"“{revoked.BadgeName}” was revoked, so it cannot be shown.", nameof(SavePublicProfile.ShownBadgeIds));

        var profile = await db.PublicProfiles.SingleOrDefaultAsync(p => p.UserId == me, ct);
        if (profile is null) db.PublicProfiles.Add(PublicProfile.Create(me, handle, command.IsPublic, chosen, now));
        else profile.Update(handle, command.IsPublic, chosen, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw Taken(handle); // someone took it a moment earlier
        }
        return Unit.Value;
    }

    private static DomainException Taken(string handle) =>
        new($"The handle “{handle}” is taken. Try another, e.g. with your school or a number.", nameof(SavePublicProfile.Handle));
}

public sealed record PublicProfileBadge(Guid Id, string Name, string IssuerName, string DistrictName, DateTimeOffset IssuedOn, DateTimeOffset? Expires,
    AssertionStatus Status, string ImagePath, string AssertionUrl);

public sealed record PublicProfileView(string Handle, string Name, IReadOnlyList<PublicProfileBadge> Badges);

/// <summary>A teacher's public profile, for anyone: 404 unless they turned it on; only the badges they chose; never a revoked one.</summary>
public sealed record GetPublicProfile(string Handle) : IQuery<PublicProfileView>;

public sealed class GetPublicProfileHandler(PublicProfileReader reader) : IQueryHandler<GetPublicProfile, PublicProfileView>
{
    public async ValueTask<PublicProfileView> Handle(GetPublicProfile query, CancellationToken ct) =>
        await reader.ReadAsync(query.Handle, ct) ?? throw new NotFoundException(nameof(PublicProfile), query.Handle);
}

/// <summary>
/// The public profile's narrow read path. The profile and the public-document directory are global; each chosen badge
/// is then read inside the district that issued it (its query filter and row-level security apply as for any district
/// read), and only if it still belongs to the profile's owner and is not revoked.
/// </summary>
public sealed class PublicProfileReader(AppDbContext db, IServiceScopeFactory scopes, BadgeLinks links, TimeProvider clock)
{
    public static string PathOf(string handle) => $"/public/profiles/{Uri.EscapeDataString(handle)}";

    public async Task<PublicProfileView?> ReadAsync(string? handle, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(handle) || handle.Length > PublicProfile.MaxHandle) return null;
        var normalized = PublicProfile.Normalize(handle);
        var profile = await db.PublicProfiles.AsNoTracking()
            .Where(p => p.NormalizedHandle == normalized && p.IsPublic)
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p.UserId, p.Handle, p.ShownAssertionIds, u.DisplayName })
            .SingleOrDefaultAsync(ct);
        if (profile is null) return null;

        var ids = profile.ShownAssertionIds;
        var owners = await db.PublicDocuments.AsNoTracking().Where(d => ids.Contains(d.Id) && d.Kind == PublicDocumentKind.Assertion)
            .Join(db.Districts, d => d.DistrictId, x => x.Id, (d, x) => new { d.Id, x.Slug, DistrictId = x.Id, x.Name, x.IssuerName })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var badges = new List<PublicProfileBadge>();
        foreach (var district in owners.GroupBy(o => (o.DistrictId, o.Slug, o.Name, o.IssuerName)))
        {
            var inDistrict = district.Select(o => o.Id).ToList();
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(district.Key.DistrictId, district.Key.Slug);
            var districtDb = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var rows = await districtDb.Assertions.AsNoTracking()
                .Where(a => inDistrict.Contains(a.Id) && a.RecipientId == profile.UserId && a.RevokedAt == null)
                .Select(a => new { a.Id, a.BadgeName, a.IssuedOn, a.Expires, a.CredentialId, a.StackId }).ToListAsync(ct);
            badges.AddRange(rows.Select(a => new PublicProfileBadge(a.Id, a.BadgeName, district.Key.IssuerName, district.Key.Name, a.IssuedOn, a.Expires,
                a.Expires is { } e && e <= now ? AssertionStatus.Expired : AssertionStatus.Valid,
                GetMyBackpackHandler.ImagePath(district.Key.Slug, a.CredentialId, a.StackId), links.Assertion(a.Id))));
        }
        return new PublicProfileView(profile.Handle, profile.DisplayName.Length > 0 ? profile.DisplayName : profile.Handle,
            badges.OrderByDescending(b => b.IssuedOn).ToList());
    }
}
