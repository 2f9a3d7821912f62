using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>The district's public profile: the issuer of its badges.</summary>
public sealed record GetDistrictProfile : IQuery<DistrictProfile>;

public sealed record DistrictProfile(string Slug, string Name, string IssuerName, string? Website, string ContactEmail, string Color, DateTimeOffset CreatedAt);

public sealed class GetDistrictProfileHandler(AppDbContext db, ITenantContext tenant) : IQueryHandler<GetDistrictProfile, DistrictProfile>
{
    public async ValueTask<DistrictProfile> Handle(GetDistrictProfile query, CancellationToken ct) =>
        await db.Districts.AsNoTracking().Where(d => d.Id == tenant.TenantId)
            .Select(d => new DistrictProfile(d.Slug, d.Name, d.IssuerName, d.Website, d.ContactEmail, d.Color, d.CreatedAt))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException(nameof(District), tenant.Slug ?? "");
}

[RequiresRole(DistrictRole.Admin)]
public sealed record UpdateDistrictProfile(string Name, string IssuerName, string? Website, string ContactEmail, string? Color) : ICommand;

public sealed class UpdateDistrictProfileValidator : AbstractValidator<UpdateDistrictProfile>
{
    public UpdateDistrictProfileValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the district's name.").MaximumLength(120);
        RuleFor(c => c.IssuerName).NotEmpty().WithMessage("Enter the name badges are issued under.").MaximumLength(160);
        RuleFor(c => c.ContactEmail).NotEmpty().WithMessage("Enter a contact email.").EmailAddress().WithMessage("Enter an email address like pd@district.org.");
    }
}

public sealed class UpdateDistrictProfileHandler(AppDbContext db, ITenantContext tenant, CacheEvictions evictions) : ICommandHandler<UpdateDistrictProfile>
{
    public async ValueTask<Unit> Handle(UpdateDistrictProfile command, CancellationToken ct)
    {
        var district = await db.Districts.SingleOrDefaultAsync(d => d.Id == tenant.TenantId, ct)
            ?? throw new NotFoundException(nameof(District), tenant.Slug ?? "");
        district.UpdateProfile(command.Name, command.IssuerName, command.Website, command.ContactEmail, command.Color);
        evictions.DistrictChanged(district.Id, district.Slug); // its name in every instance's headers and badge documents
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
