using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroCred.Application.Data.Configurations;

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> b)
    {
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Code).HasMaxLength(12);
        b.Property(s => s.DecisionNote).HasMaxLength(2000);
        b.Ignore(s => s.IsEditable);
        b.HasMany(s => s.Items).WithOne().HasForeignKey(i => i.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Items).HasField("items").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<MicroCredential>().WithMany().HasForeignKey(s => s.CredentialId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CredentialVersion>().WithMany().HasForeignKey(s => s.CredentialVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(s => s.EarnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.TenantId, s.Code }).IsUnique();
        b.HasIndex(s => new { s.EarnerId, s.CredentialId });
        b.HasIndex(s => new { s.TenantId, s.Status });
    }
}

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> b)
    {
        // The domain makes the id (Guid v7) when the earner adds evidence. Without this, EF takes an item added to an
        // already loaded submission's Items for an existing row (a generated key that is already set) and updates
        // it instead of inserting it, which fails.
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(i => i.Url).HasMaxLength(2000);
        b.Property(i => i.Title).HasMaxLength(300);
        b.HasIndex(i => i.FileId);
    }
}

internal sealed class PlanEntryConfiguration : IEntityTypeConfiguration<PlanEntry>
{
    public void Configure(EntityTypeBuilder<PlanEntry> b)
    {
        b.Property(p => p.Id).ValueGeneratedNever();
        b.HasIndex(p => new { p.TenantId, p.EarnerId, p.CredentialId }).IsUnique();
        b.HasOne<MicroCredential>().WithMany().HasForeignKey(p => p.CredentialId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(p => p.EarnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RecommendationConfiguration : IEntityTypeConfiguration<CredentialRecommendation>
{
    public void Configure(EntityTypeBuilder<CredentialRecommendation> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Note).HasMaxLength(CredentialRecommendation.MaxNote);
        b.Ignore(r => r.IsActive);
        b.HasIndex(r => new { r.TenantId, r.CredentialId });
        b.HasOne<MicroCredential>().WithMany().HasForeignKey(r => r.CredentialId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Assessment.School>().WithMany().HasForeignKey(r => r.SchoolId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(r => r.RecommendedBy).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DistrictPolicyConfiguration : IEntityTypeConfiguration<DistrictPolicy>
{
    public void Configure(EntityTypeBuilder<DistrictPolicy> b)
    {
        b.Property(p => p.Assignment).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(p => p.TenantId).IsUnique();
    }
}
