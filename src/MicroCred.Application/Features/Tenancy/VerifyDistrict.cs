using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>A platform operator vouches for a district: its daily cap on emails to people outside it goes.</summary>
[RequiresOperator]
public sealed record VerifyDistrict(Guid DistrictId) : ICommand;

public sealed class VerifyDistrictHandler(AppDbContext db, OperatorTarget target, TimeProvider clock) : ICommandHandler<VerifyDistrict>
{
    public async ValueTask<Unit> Handle(VerifyDistrict command, CancellationToken ct)
    {
        var district = await target.LoadAsync(command.DistrictId, ct);
        district.Verify(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
