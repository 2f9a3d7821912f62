using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroCred.Application.Data.Configurations;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.HasIndex(d => d.Slug).IsUnique();
        b.Property(d => d.Slug).HasMaxLength(40);
        b.Property(d => d.Name).HasMaxLength(120);
        b.Property(d => d.IssuerName).HasMaxLength(160);
        b.Property(d => d.Website).HasMaxLength(2000);
        b.Property(d => d.ContactEmail).HasMaxLength(254);
        b.Property(d => d.Color).HasMaxLength(7);
        b.Property(d => d.SuspensionReason).HasMaxLength(District.MaxSuspensionReason);
        b.Ignore(d => d.IsVerified);
        b.Ignore(d => d.IsSuspended);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.HasIndex(m => new { m.TenantId, m.UserId }).IsUnique();
        b.HasIndex(m => m.UserId);
        b.HasOne<District>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.Property(i => i.Email).HasMaxLength(254);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.HasOne<District>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
