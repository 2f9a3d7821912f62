using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroCred.Application.Data.Configurations;

internal sealed class BadgeImportConfiguration : IEntityTypeConfiguration<BadgeImport>
{
    public void Configure(EntityTypeBuilder<BadgeImport> b)
    {
        b.ToTable("badge_imports");
        b.Property(i => i.FileName).HasMaxLength(BadgeImport.MaxFileName);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.StopReason).HasMaxLength(500);
        b.Ignore(i => i.IsFinished);
        b.Ignore(i => i.IsWaitingForRunner);
        b.Ignore(i => i.Percent);
        b.HasOne<User>().WithMany().HasForeignKey(i => i.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.TenantId, i.CreatedAt });
        // The job's sweep looks for work left queued or running.
        b.HasIndex(i => new { i.TenantId, i.Status });
    }
}

internal sealed class BadgeImportRowConfiguration : IEntityTypeConfiguration<BadgeImportRow>
{
    public void Configure(EntityTypeBuilder<BadgeImportRow> b)
    {
        b.ToTable("badge_import_rows");
        b.Property(r => r.Email).HasMaxLength(BadgeImportRow.MaxText);
        b.Property(r => r.CredentialText).HasMaxLength(BadgeImportRow.MaxText);
        b.Property(r => r.DateText).HasMaxLength(BadgeImportRow.MaxText);
        b.Property(r => r.EvidenceUrl).HasMaxLength(BadgeImportRow.MaxUrl);
        b.Property(r => r.Name).HasMaxLength(BadgeImportRow.MaxText);
        b.Property(r => r.CredentialName).HasMaxLength(200);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Message).HasMaxLength(500);
        b.Ignore(r => r.Key);
        b.HasOne<BadgeImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.ImportId, r.Line });
        // The idempotency guarantee: whatever file it came from, an import issues a credential to an email once per district.
        b.HasIndex(r => new { r.TenantId, r.Email, r.CredentialId }).IsUnique().HasFilter("status = 'Issued'");
    }
}

internal sealed class PublicProfileConfiguration : IEntityTypeConfiguration<PublicProfile>
{
    public void Configure(EntityTypeBuilder<PublicProfile> b)
    {
        b.ToTable("public_profiles");
        b.HasKey(p => p.UserId);
        b.Property(p => p.UserId).ValueGeneratedNever();
        b.Property(p => p.Handle).HasMaxLength(PublicProfile.MaxHandle);
        b.Property(p => p.NormalizedHandle).HasMaxLength(PublicProfile.MaxHandle);
        b.HasIndex(p => p.NormalizedHandle).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
