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
        b.Property(i => i.Kind).HasConversion<string>().HasMaxLength(10);
        b.Property(i => i.Url).HasMaxLength(2000);
        b.Property(i => i.Title).HasMaxLength(300);
        b.HasIndex(i => i.FileId);
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
