using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>A platform operator lifts a suspension: the district's members can act in it again.</summary>
[RequiresOperator]
public sealed record UnsuspendDistrict(Guid DistrictId) : ICommand;

public sealed class UnsuspendDistrictHandler(AppDbContext db, OperatorTarget target) : ICommandHandler<UnsuspendDistrict>
{
    public async ValueTask<Unit> Handle(UnsuspendDistrict command, CancellationToken ct)
    {
        var district = await target.LoadAsync(command.DistrictId, ct);
        district.Unsuspend();
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
