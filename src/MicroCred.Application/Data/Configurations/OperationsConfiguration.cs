using MicroCred.Application.Email;
using MicroCred.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroCred.Application.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
        b.HasIndex(e => new { e.TenantId, e.At });
        b.Property(e => e.Action).HasMaxLength(100);
        b.Property(e => e.ActorName).HasMaxLength(254);
        b.Property(e => e.RequestId).HasMaxLength(100);
        b.Property(e => e.Details).HasColumnType("jsonb");
    }
}

internal sealed class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> b)
    {
        b.Property(m => m.To).HasMaxLength(254);
        b.Property(m => m.Subject).HasMaxLength(300);
        b.HasIndex(m => m.CreatedAt);
        b.HasIndex(m => m.SentAt).HasFilter("sent_at IS NULL");
    }
}
