using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>Loads shared by the design use cases.</summary>
internal static class DesignLookups
{
    public static async Task<MicroCredential> CredentialAsync(this AppDbContext db, Guid id, CancellationToken ct) =>
        await db.MicroCredentials.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Micro-credential", id);

    public static async Task<CredentialVersion?> VersionAsync(this AppDbContext db, Guid? id, CancellationToken ct) =>
        id is null ? null : await db.CredentialVersions.SingleOrDefaultAsync(v => v.Id == id, ct);

    public static async Task<CredentialVersion> DraftAsync(this AppDbContext db, MicroCredential credential, CancellationToken ct) =>
        await db.VersionAsync(credential.DraftVersionId, ct)
        ?? throw new Domain.Common.DomainException("This credential has no draft. Start a new version to edit it.");

    /// <summary>The district's design settings, created with the defaults on first use.</summary>
    public static async Task<DesignSettings> DesignSettingsAsync(this AppDbContext db, ITenantContext tenant, CancellationToken ct)
    {
        var settings = await db.DesignSettings.SingleOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = Domain.Design.DesignSettings.Default(tenant.TenantId!.Value);
            db.DesignSettings.Add(settings);
        }
        return settings;
    }
}
