using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// A Developer starts a new draft of their own district from a micro-credential in another district's public
/// catalog, credited to the original ("Adapted from … by …"). The draft is this district's alone: the original's
/// district neither sees nor changes it, and the original is untouched.
/// </summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record AdaptCredential(string District, Guid CredentialId) : ICommand<Guid>;

/// <summary>The credential a Developer is about to adapt, as its district's public catalog shows it.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record GetCredentialToAdapt(string District, Guid CredentialId) : IQuery<CatalogCredential>;

public sealed class GetCredentialToAdaptHandler(PublishedCredentialReader catalog, ITenantContext tenant) : IQueryHandler<GetCredentialToAdapt, CatalogCredential>
{
    public async ValueTask<CatalogCredential> Handle(GetCredentialToAdapt query, CancellationToken ct)
    {
        var original = await catalog.ReadAsync(query.District, query.CredentialId, ct);
        // One's own district's credential is edited, not adapted.
        if (original is null || original.DistrictId == tenant.TenantId) throw new NotFoundException("Published micro-credential", query.CredentialId);
        return original;
    }
}

public sealed class AdaptCredentialValidator : AbstractValidator<AdaptCredential>
{
    public AdaptCredentialValidator()
    {
        RuleFor(c => c.District).NotEmpty().WithMessage("Say which district's catalog the micro-credential is in.");
        RuleFor(c => c.CredentialId).NotEmpty().WithMessage("Choose the micro-credential to adapt.");
    }
}

public sealed class AdaptCredentialHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock,
    PublishedCredentialReader catalog, ILinkBuilder links) : ICommandHandler<AdaptCredential, Guid>
{
    public async ValueTask<Guid> Handle(AdaptCredential command, CancellationToken ct)
    {
        var original = await catalog.ReadAsync(command.District, command.CredentialId, ct)
            ?? throw new NotFoundException("Published micro-credential", command.CredentialId);
        var (credential, draft) = MicroCredential.Adapt(tenant.TenantId!.Value, original.DistrictId, original.CredentialId, original.Content,
            original.IssuerName, links.Absolute($"/{original.Slug}/credentials/{original.CredentialId}"), user.Id!.Value, clock.GetUtcNow());
        db.MicroCredentials.Add(credential);
        db.CredentialVersions.Add(draft);
        await db.SaveChangesAsync(ct);
        return credential.Id;
    }
}

/// <summary>A published micro-credential as any district's public catalog shows it.</summary>
public sealed record CatalogCredential(Guid DistrictId, string Slug, string DistrictName, string IssuerName, Guid CredentialId, CredentialContent Content);

/// <summary>
/// Reads one published micro-credential of another district, exactly what its public page shows anyone. It runs in
/// a scope of its own acting in that district (as an anonymous visitor of its catalog would), so nothing else of the
/// district is read and the acting district's own context is left as it was.
/// </summary>
public sealed class PublishedCredentialReader(IServiceScopeFactory scopes)
{
    public async Task<CatalogCredential?> ReadAsync(string slug, Guid credentialId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var lower = (slug ?? "").Trim().ToLowerInvariant();
        var district = await db.Districts.AsNoTracking().Where(d => d.Slug == lower)
            .Select(d => new { d.Id, d.Slug, d.Name, d.IssuerName }).SingleOrDefaultAsync(ct);
        if (district is null) return null;
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(district.Id, district.Slug);
        var version = await db.CredentialVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.CredentialId == credentialId && v.Status == VersionStatus.Published, ct);
        return version is null ? null : new CatalogCredential(district.Id, district.Slug, district.Name, district.IssuerName, credentialId, version.Content);
    }
}
