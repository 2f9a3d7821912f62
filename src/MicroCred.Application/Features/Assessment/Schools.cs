using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

/// <summary>The district's list of schools and who is from which (the same-school conflict rule compares them).</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetSchools : IQuery<SchoolsView>;

public sealed record SchoolsView(bool ForbidSameSchool, IReadOnlyList<SchoolRow> Schools, IReadOnlyList<MemberSchoolRow> Members);

public sealed record SchoolRow(Guid Id, string Name, int Members);

public sealed record MemberSchoolRow(Guid MembershipId, string Name, string Email, DistrictRole Roles, Guid? SchoolId);

public sealed class GetSchoolsHandler(AppDbContext db, ITenantContext tenant) : IQueryHandler<GetSchools, SchoolsView>
{
    public async ValueTask<SchoolsView> Handle(GetSchools query, CancellationToken ct)
    {
        var policy = await Tenancy.DistrictPolicyLookup.ReadDistrictPolicyAsync(db, tenant, ct);
        var members = await db.Memberships.AsNoTracking().Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.u.DisplayName)
            .Select(x => new MemberSchoolRow(x.m.Id, x.u.DisplayName, x.u.Email!, x.m.Roles, x.m.SchoolId)).ToListAsync(ct);
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        return new SchoolsView(policy.ForbidSameSchool, schools.Select(s => new SchoolRow(s.Id, s.Name, members.Count(m => m.SchoolId == s.Id))).ToList(), members);
    }
}

[RequiresRole(DistrictRole.Admin)]
public sealed record AddSchool(string Name) : ICommand<Guid>;

[RequiresRole(DistrictRole.Admin)]
public sealed record RenameSchool(Guid SchoolId, string Name) : ICommand;

/// <summary>Removes a school from the list; its members no longer have a school.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record RemoveSchool(Guid SchoolId) : ICommand;

/// <summary>An Admin sets a member's school (members can also pick their own).</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record SetMemberSchool(Guid MembershipId, Guid? SchoolId) : ICommand;

public sealed class AddSchoolValidator : AbstractValidator<AddSchool>
{
    public AddSchoolValidator() => RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the school's name.").MaximumLength(School.MaxNameLength);
}

public sealed class RenameSchoolValidator : AbstractValidator<RenameSchool>
{
    public RenameSchoolValidator() => RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the school's name.").MaximumLength(School.MaxNameLength);
}

public sealed class SchoolHandlers(AppDbContext db, ITenantContext tenant, TimeProvider clock, WorkAssigner assigner)
    : ICommandHandler<AddSchool, Guid>, ICommandHandler<RenameSchool>, ICommandHandler<RemoveSchool>, ICommandHandler<SetMemberSchool>
{
    public async ValueTask<Guid> Handle(AddSchool command, CancellationToken ct)
    {
        var school = School.Create(tenant.TenantId!.Value, command.Name, clock.GetUtcNow());
        await EnsureUniqueAsync(school.Name, null, ct);
        db.Schools.Add(school);
        await db.SaveChangesAsync(ct);
        return school.Id;
    }

    public async ValueTask<Unit> Handle(RenameSchool command, CancellationToken ct)
    {
        var school = await SchoolAsync(command.SchoolId, ct);
        school.Rename(command.Name);
        await EnsureUniqueAsync(school.Name, school.Id, ct);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(RemoveSchool command, CancellationToken ct)
    {
        var school = await SchoolAsync(command.SchoolId, ct);
        foreach (var m in await db.Memberships.Where(m => m.SchoolId == school.Id).ToListAsync(ct)) m.AttendSchool(null);
        db.Schools.Remove(school);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(SetMemberSchool command, CancellationToken ct)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == command.MembershipId, ct)
            ?? throw new NotFoundException(nameof(Membership), command.MembershipId);
        if (command.SchoolId is { } id) await SchoolAsync(id, ct);
        membership.AttendSchool(command.SchoolId);
        await db.SaveChangesAsync(ct);
        await assigner.RebalanceAsync(ct); // a new school can put someone in conflict with work they hold
        return Unit.Value;
    }

    private async Task<School> SchoolAsync(Guid id, CancellationToken ct) =>
        await db.Schools.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException(nameof(School), id);

    private async Task EnsureUniqueAsync(string name, Guid? except, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
        if (await db.Schools.AnyAsync(s => s.Id != except && s.Name.ToLower() == lower, ct))
            throw new Domain.Common.DomainException($"\"{name}\" is already on the list.", nameof(School.Name));
    }
}
