using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>
/// A platform operator suspends a district (e.g. it phishes): nobody can act in it and it issues nothing; the badges it
/// issued keep verifying. The reason is kept and shown to its members.
/// </summary>
[RequiresOperator]
public sealed record SuspendDistrict(Guid DistrictId, string? Reason) : ICommand;

public sealed class SuspendDistrictValidator : AbstractValidator<SuspendDistrict>
{
    public SuspendDistrictValidator() => RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the district is suspended.")
        .MaximumLength(District.MaxSuspensionReason).WithMessage($"Keep the reason to {District.MaxSuspensionReason} characters.");
}

public sealed class SuspendDistrictHandler(AppDbContext db, OperatorTarget target, TimeProvider clock) : ICommandHandler<SuspendDistrict>
{
    public async ValueTask<Unit> Handle(SuspendDistrict command, CancellationToken ct)
    {
        var district = await target.LoadAsync(command.DistrictId, ct);
        district.Suspend(command.Reason, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
