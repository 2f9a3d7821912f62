using System.Text.Json;
using System.Text.Json.Serialization;
using MicroCred.Domain.Design;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MicroCred.Application.Data.Configurations;

/// <summary>
/// A version's content is one jsonb document (immutable once published); the catalog filters on the projected
/// columns beside it.
/// </summary>
internal static class JsonDocumentColumn
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property) where T : class =>
        property.HasConversion(
                new ValueConverter<T, string>(v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options)!),
                new ValueComparer<T>(
                    (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                    v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!))
            .HasColumnType("jsonb");
}

internal sealed class MicroCredentialConfiguration : IEntityTypeConfiguration<MicroCredential>
{
    public void Configure(EntityTypeBuilder<MicroCredential> b)
    {
        b.ToTable("micro_credentials");
        b.Property(c => c.AdaptedFromName).HasMaxLength(CredentialContent.MaxShortText);
        b.Property(c => c.AdaptedFromIssuer).HasMaxLength(200);
        b.Property(c => c.AdaptedFromUrl).HasMaxLength(2000);
        b.Ignore(c => c.IsRetired);
        b.Ignore(c => c.WasNeverPublished);
    }
}

internal sealed class CredentialVersionConfiguration : IEntityTypeConfiguration<CredentialVersion>
{
    public void Configure(EntityTypeBuilder<CredentialVersion> b)
    {
        b.Property(v => v.Content).HasJsonConversion();
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.Name).HasMaxLength(CredentialContent.MaxShortText);
        b.Property(v => v.EstimatedHours).HasPrecision(6, 1);
        b.Ignore(v => v.IsDraft);
        b.Ignore(v => v.LastChangedAt);
        b.Ignore(v => v.IsApproved);
        b.Property(v => v.ApprovalNote).HasMaxLength(PublishReview.MaxNoteLength);
        b.HasOne<MicroCredential>().WithMany().HasForeignKey(v => v.CredentialId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(v => new { v.CredentialId, v.Number }).IsUnique();
        b.HasIndex(v => new { v.TenantId, v.Status });
        b.HasIndex(v => v.Tags).HasMethod("gin");
        b.HasIndex(v => v.Standards).HasMethod("gin");
        b.HasOne<BadgeImage>().WithMany().HasForeignKey(v => v.ImageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StackConfiguration : IEntityTypeConfiguration<Stack>
{
    public void Configure(EntityTypeBuilder<Stack> b)
    {
        b.Property(s => s.Name).HasMaxLength(200);
        b.Ignore(s => s.IsPublished);
        b.HasOne<BadgeImage>().WithMany().HasForeignKey(s => s.ImageId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BadgeImageConfiguration : IEntityTypeConfiguration<BadgeImage>
{
    public void Configure(EntityTypeBuilder<BadgeImage> b)
    {
        b.Property(i => i.ContentType).HasMaxLength(40);
        b.Property(i => i.Sha256).HasMaxLength(64);
    }
}

internal sealed class DesignSettingsConfiguration : IEntityTypeConfiguration<DesignSettings>
{
    public void Configure(EntityTypeBuilder<DesignSettings> b)
    {
        b.Property(s => s.Frameworks).HasJsonConversion();
        b.HasIndex(s => s.TenantId).IsUnique();
    }
}
