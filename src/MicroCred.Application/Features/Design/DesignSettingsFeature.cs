using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

[RequiresRole(DistrictRole.Developer | DistrictRole.Admin)]
public sealed record GetDesignSettings : IQuery<DesignSettingsView>;

public sealed record DesignSettingsView(IReadOnlyList<string> RubricLevels, IReadOnlyList<StandardsFramework> Frameworks);

/// <summary>The district's rubric levels (used by new credentials) and its list of standards frameworks.</summary>
[RequiresRole(DistrictRole.Developer | DistrictRole.Admin)]
public sealed record UpdateDesignSettings(IReadOnlyList<string> RubricLevels, IReadOnlyList<StandardsFramework> Frameworks) : ICommand;

public sealed class UpdateDesignSettingsValidator : AbstractValidator<UpdateDesignSettings>
{
    public UpdateDesignSettingsValidator() => RuleFor(c => c.RubricLevels).NotEmpty().WithMessage("Choose the performance levels, lowest first.");
}

public sealed class DesignSettingsHandler(AppDbContext db, ITenantContext tenant)
    : IQueryHandler<GetDesignSettings, DesignSettingsView>, ICommandHandler<UpdateDesignSettings>
{
    public async ValueTask<DesignSettingsView> Handle(GetDesignSettings query, CancellationToken ct)
    {
        var settings = await db.DesignSettings.AsNoTracking().SingleOrDefaultAsync(ct);
        return settings is null
            ? new DesignSettingsView(Rubric.DefaultLevelNames, [])
            : new DesignSettingsView(settings.RubricLevels, settings.Frameworks);
    }

    public async ValueTask<Unit> Handle(UpdateDesignSettings command, CancellationToken ct)
    {
        var settings = await db.DesignSettingsAsync(tenant, ct);
        settings.UseRubricLevels(command.RubricLevels);
        settings.UseFrameworks(command.Frameworks);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
