using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroCred.Application.Data.Configurations;

internal sealed class AssertionConfiguration : IEntityTypeConfiguration<Assertion>
{
    public void Configure(EntityTypeBuilder<Assertion> b)
    {
        b.ToTable("assertions");
        b.Property(a => a.RecipientEmail).HasMaxLength(254);
        b.Property(a => a.RecipientName).HasMaxLength(200);
        b.Property(a => a.Salt).HasMaxLength(64);
        b.Property(a => a.IdentityHash).HasMaxLength(80);
        b.Property(a => a.BadgeName).HasMaxLength(CredentialContent.MaxShortText);
        b.Property(a => a.Narrative).HasMaxLength(Assertion.MaxNarrative);
        b.Property(a => a.EvidenceUrl).HasMaxLength(2000);
        b.Property(a => a.Verification).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Basis).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.RevocationReason).HasMaxLength(Assertion.MaxReason);
        b.Ignore(a => a.IsRevoked);
        b.Ignore(a => a.IsSigned);
        b.Ignore(a => a.IsClaimed);
        b.HasOne<User>().WithMany().HasForeignKey(a => a.RecipientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CredentialVersion>().WithMany().HasForeignKey(a => a.CredentialVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Stack>().WithMany().HasForeignKey(a => a.StackId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<IssuerKey>().WithMany().HasForeignKey(a => a.SigningKeyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.TenantId, a.IssuedOn });
        b.HasIndex(a => a.RecipientId);
        b.HasIndex(a => a.SubmissionId).IsUnique().HasFilter("submission_id IS NOT NULL");
        b.HasIndex(a => new { a.TenantId, a.RevokedAt });
    }
}

internal sealed class BadgeClaimConfiguration : IEntityTypeConfiguration<BadgeClaim>
{
    public void Configure(EntityTypeBuilder<BadgeClaim> b)
    {
        b.ToTable("badge_claims");
        b.Property(c => c.Email).HasMaxLength(254);
        b.Property(c => c.TokenHash).HasMaxLength(64);
        b.HasIndex(c => c.TokenHash).IsUnique();
        b.HasIndex(c => c.AssertionId);
        b.HasOne<Assertion>().WithMany().HasForeignKey(c => c.AssertionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IssuerKeyConfiguration : IEntityTypeConfiguration<IssuerKey>
{
    public void Configure(EntityTypeBuilder<IssuerKey> b)
    {
        b.ToTable("issuer_keys");
        b.Property(k => k.PublicKeyPem).HasMaxLength(4000);
        b.Ignore(k => k.IsActive);
    }
}

internal sealed class PublicDocumentConfiguration : IEntityTypeConfiguration<PublicDocument>
{
    public void Configure(EntityTypeBuilder<PublicDocument> b)
    {
        b.ToTable("public_documents");
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasOne<District>().WithMany().HasForeignKey(d => d.DistrictId).OnDelete(DeleteBehavior.Cascade);
    }
}
