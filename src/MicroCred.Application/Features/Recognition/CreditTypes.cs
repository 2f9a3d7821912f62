using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Recognition;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Recognition;

/// <summary>The credit types this organisation grants, with how many rules use each and how much was granted.</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record GetCreditTypes : IQuery<IReadOnlyList<CreditTypeRow>>;

public sealed record CreditTypeRow(Guid Id, string Name, string Unit, int Rules, decimal Granted);

public sealed class GetCreditTypesHandler(AppDbContext db) : IQueryHandler<GetCreditTypes, IReadOnlyList<CreditTypeRow>>
{
    public async ValueTask<IReadOnlyList<CreditTypeRow>> Handle(GetCreditTypes query, CancellationToken ct) =>
        await db.CreditTypes.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new CreditTypeRow(t.Id, t.Name, t.Unit,
                db.RecognitionRules.Count(r => r.CreditTypeId == t.Id),
                db.CreditRequests.Where(r => r.CreditTypeId == t.Id && r.Status == CreditRequestStatus.Approved).Sum(r => r.Units) ?? 0))
            .ToListAsync(ct);
}

/// <summary>Defines a credit type; the first one puts the organisation on the list of recognizers teachers can ask.</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record DefineCreditType(string Name, string Unit) : ICommand<Guid>;

/// <summary>Renames a credit type. Credit already granted keeps the name and unit it was granted under.</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record RenameCreditType(Guid CreditTypeId, string Name, string Unit) : ICommand;

public sealed class DefineCreditTypeValidator : AbstractValidator<DefineCreditType>
{
    public DefineCreditTypeValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the credit type, for example \"Professional development\".").MaximumLength(CreditType.MaxNameLength);
        RuleFor(c => c.Unit).NotEmpty().WithMessage("Name the unit, for example \"PD hours\" or \"CEUs\".").MaximumLength(CreditType.MaxUnitLength);
    }
}

public sealed class RenameCreditTypeValidator : AbstractValidator<RenameCreditType>
{
    public RenameCreditTypeValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the credit type, for example \"Professional development\".").MaximumLength(CreditType.MaxNameLength);
        RuleFor(c => c.Unit).NotEmpty().WithMessage("Name the unit, for example \"PD hours\" or \"CEUs\".").MaximumLength(CreditType.MaxUnitLength);
    }
}

public sealed class CreditTypeHandlers(AppDbContext db, ITenantContext tenant, TimeProvider clock)
    : ICommandHandler<DefineCreditType, Guid>, ICommandHandler<RenameCreditType>
{
    public async ValueTask<Guid> Handle(DefineCreditType command, CancellationToken ct)
    {
        var type = CreditType.Define(tenant.TenantId!.Value, command.Name, command.Unit, clock.GetUtcNow());
        await EnsureUniqueAsync(type.Name, null, ct);
        db.CreditTypes.Add(type);
        var district = await db.Districts.SingleAsync(d => d.Id == type.TenantId, ct);
        district.AcceptCreditRequests();
        await db.SaveChangesAsync(ct);
        return type.Id;
    }

    public async ValueTask<Unit> Handle(RenameCreditType command, CancellationToken ct)
    {
        var type = await db.CreditTypes.SingleOrDefaultAsync(t => t.Id == command.CreditTypeId, ct)
            ?? throw new NotFoundException(nameof(CreditType), command.CreditTypeId);
        type.Rename(command.Name, command.Unit);
        await EnsureUniqueAsync(type.Name, type.Id, ct);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    private async Task EnsureUniqueAsync(string name, Guid? except, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
        if (await db.CreditTypes.AnyAsync(t => t.Id != except && t.Name.ToLower() == lower, ct))
            throw new DomainException($"You already have a credit type called \"{name}\".", nameof(CreditType.Name));
    }
}
