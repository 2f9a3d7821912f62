using MicroCred.Domain.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroCred.Application.Data.Configurations;

internal sealed class CreditTypeConfiguration : IEntityTypeConfiguration<CreditType>
{
    public void Configure(EntityTypeBuilder<CreditType> b)
    {
        b.Property(c => c.Name).HasMaxLength(CreditType.MaxNameLength);
        b.Property(c => c.Unit).HasMaxLength(CreditType.MaxUnitLength);
        b.HasIndex(c => new { c.TenantId, c.Name }).IsUnique();
    }
}

internal sealed class RecognitionRuleConfiguration : IEntityTypeConfiguration<RecognitionRule>
{
    public void Configure(EntityTypeBuilder<RecognitionRule> b)
    {
        b.Property(r => r.Target).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.BadgeClassUrl).HasMaxLength(RecognitionRule.MaxUrlLength);
        b.Property(r => r.SourceDistrictSlug).HasMaxLength(40);
        b.Property(r => r.DisplayName).HasMaxLength(RecognitionRule.MaxNameLength);
        b.Property(r => r.Units).HasPrecision(9, 2);
        b.Ignore(r => r.PlatformPath);
        b.HasOne<CreditType>().WithMany().HasForeignKey(r => r.CreditTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.TenantId, r.IsActive });
    }
}

internal sealed class CreditRequestConfiguration : IEntityTypeConfiguration<CreditRequest>
{
    public void Configure(EntityTypeBuilder<CreditRequest> b)
    {
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Note).HasMaxLength(CreditRequest.MaxNoteLength);
        b.Property(r => r.Badge).HasJsonConversion();
        b.Property(r => r.Matches).HasJsonConversion();
        b.Property(r => r.AssertionId).HasMaxLength(4000);
        b.Property(r => r.BadgeName).HasMaxLength(400);
        b.Property(r => r.IssuerName).HasMaxLength(400);
        b.Property(r => r.DeclineReason).HasMaxLength(CreditRequest.MaxReasonLength);
        b.Property(r => r.RescissionReason).HasMaxLength(CreditRequest.MaxReasonLength);
        b.Property(r => r.CreditTypeName).HasMaxLength(CreditType.MaxNameLength);
        b.Property(r => r.CreditUnit).HasMaxLength(CreditType.MaxUnitLength);
        b.Property(r => r.Units).HasPrecision(9, 2);
        b.Ignore(r => r.IsPending);
        b.HasOne<User>().WithMany().HasForeignKey(r => r.RequesterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(r => r.DecidedBy).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CreditType>().WithMany().HasForeignKey(r => r.CreditTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => new { r.TenantId, r.Status, r.SubmittedAt });
        // The transcript reads a person's requests across organisations.
        b.HasIndex(r => r.RequesterId);
    }
}
