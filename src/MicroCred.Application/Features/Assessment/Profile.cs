using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

/// <summary>
/// A member's own page for what the conflict-of-interest rules need: their school, and the conflicts they have
/// declared with named people (either side of an assessment may declare one).
/// </summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record GetMyAssessmentProfile : IQuery<MyAssessmentProfile>;

public sealed record MyAssessmentProfile(Guid? SchoolId, IReadOnlyList<SchoolOption> Schools, IReadOnlyList<MyConflictRow> Conflicts, IReadOnlyList<PersonOption> People);

public sealed record SchoolOption(Guid Id, string Name);

/// <summary>A declared conflict. For one declared on a submission under blind review, <see cref="With"/> names the submission, not the person.</summary>
public sealed record MyConflictRow(Guid Id, string With, string Reason, DateTimeOffset DeclaredAt);

public sealed class GetMyAssessmentProfileHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user) : IQueryHandler<GetMyAssessmentProfile, MyAssessmentProfile>
{
    public async ValueTask<MyAssessmentProfile> Handle(GetMyAssessmentProfile query, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var membership = await db.Memberships.AsNoTracking().SingleAsync(m => m.UserId == me, ct);
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Name).Select(s => new SchoolOption(s.Id, s.Name)).ToListAsync(ct);
        var declared = await db.ConflictDeclarations.AsNoTracking().Where(c => c.DeclaredBy == me && c.WithdrawnAt == null).OrderByDescending(c => c.DeclaredAt).ToListAsync(ct);
        var people = await db.Memberships.AsNoTracking().Where(m => m.UserId != me && (m.Roles & (DistrictRole.Earner | DistrictRole.Assessor)) != 0)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName }).OrderBy(u => u.DisplayName)
            .Select(u => new PersonOption(u.Id, u.DisplayName)).ToListAsync(ct);
        var names = await db.NamesAsync(declared.Select(d => d.OtherPersonId), ct);
        var codes = await db.Submissions.AsNoTracking().Where(s => declared.Select(d => d.SubmissionId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var rows = declared.Select(d => new MyConflictRow(d.Id,
            d.SubmissionId is { } sid && policy.BlindReview ? $"The earner of submission {codes.GetValueOrDefault(sid)}" : names.GetValueOrDefault(d.OtherPersonId, ""),
            d.Reason, d.DeclaredAt)).ToList();
        return new MyAssessmentProfile(membership.SchoolId, schools, rows, people);
    }
}

/// <summary>A member picks their school (or clears it).</summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record ChooseMySchool(Guid? SchoolId) : ICommand;

public sealed class ChooseMySchoolHandler(AppDbContext db, ICurrentUser user, WorkAssigner assigner) : ICommandHandler<ChooseMySchool>
{
    public async ValueTask<Unit> Handle(ChooseMySchool command, CancellationToken ct)
    {
        if (command.SchoolId is { } id && !await db.Schools.AnyAsync(s => s.Id == id, ct)) throw new NotFoundException(nameof(School), id);
        var membership = await db.Memberships.SingleAsync(m => m.UserId == user.Id, ct);
        membership.AttendSchool(command.SchoolId);
        await db.SaveChangesAsync(ct);
        await assigner.RebalanceAsync(ct);
        return Unit.Value;
    }
}

/// <summary>
/// Declares a conflict of interest with a named person of the district. From now on neither assesses the other;
/// work one of them already holds of the other goes back to the queue.
/// </summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record DeclareConflict(Guid PersonId, string Reason) : ICommand<Guid>;

public sealed class DeclareConflictValidator : AbstractValidator<DeclareConflict>
{
    public DeclareConflictValidator()
    {
        RuleFor(c => c.PersonId).NotEmpty().WithMessage("Choose the person.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say briefly why (only you and the district's Admins see it).").MaximumLength(ConflictDeclaration.MaxReasonLength);
    }
}

public sealed class DeclareConflictHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock, WorkAssigner assigner)
    : ICommandHandler<DeclareConflict, Guid>
{
    public async ValueTask<Guid> Handle(DeclareConflict command, CancellationToken ct)
    {
        if (!await db.Memberships.AnyAsync(m => m.UserId == command.PersonId, ct)) throw new NotFoundException(nameof(Membership), command.PersonId);
        var me = user.Id!.Value;
        if (await db.ConflictDeclarations.AnyAsync(c => c.DeclaredBy == me && c.OtherPersonId == command.PersonId && c.WithdrawnAt == null, ct))
            throw new Domain.Common.DomainException("You have already declared a conflict with this person.", nameof(DeclareConflict.PersonId));
        var declaration = ConflictDeclaration.Declare(tenant.TenantId!.Value, me, command.PersonId, command.Reason, clock.GetUtcNow());
        db.ConflictDeclarations.Add(declaration);
        await db.SaveChangesAsync(ct);
        await assigner.RebalanceAsync(ct);
        return declaration.Id;
    }
}

[RequiresRole(DistrictRoles.Any)]
public sealed record WithdrawConflict(Guid DeclarationId) : ICommand;

public sealed class WithdrawConflictHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<WithdrawConflict>
{
    public async ValueTask<Unit> Handle(WithdrawConflict command, CancellationToken ct)
    {
        var declaration = await db.ConflictDeclarations.SingleOrDefaultAsync(c => c.Id == command.DeclarationId && c.DeclaredBy == user.Id, ct)
            ?? throw new NotFoundException(nameof(ConflictDeclaration), command.DeclarationId);
        declaration.Withdraw(user.Id!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
