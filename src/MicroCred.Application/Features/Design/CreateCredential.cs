using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Features.Design;

/// <summary>Starts a new micro-credential as a draft with the district's rubric levels.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record CreateCredential(string Name) : ICommand<Guid>;

public sealed class CreateCredentialValidator : AbstractValidator<CreateCredential>
{
    public CreateCredentialValidator() =>
        RuleFor(c => c.Name).NotEmpty().WithMessage("Give the micro-credential a name.").MaximumLength(CredentialContent.MaxShortText);
}

public sealed class CreateCredentialHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<CreateCredential, Guid>
{
    public async ValueTask<Guid> Handle(CreateCredential command, CancellationToken ct)
    {
        var settings = await db.DesignSettingsAsync(tenant, ct);
        var (credential, draft) = MicroCredential.Create(tenant.TenantId!.Value, command.Name.Trim(), settings.RubricLevels, user.Id!.Value, clock.GetUtcNow());
        db.MicroCredentials.Add(credential);
        db.CredentialVersions.Add(draft);
        await db.SaveChangesAsync(ct);
        return credential.Id;
    }
}
