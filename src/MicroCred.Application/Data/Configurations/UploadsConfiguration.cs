using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroCred.Application.Data.Configurations;

internal sealed class UploadSessionConfiguration : IEntityTypeConfiguration<UploadSession>
{
    public void Configure(EntityTypeBuilder<UploadSession> b)
    {
        b.Property(u => u.FileName).HasMaxLength(UploadSession.MaxFileNameLength);
        b.Property(u => u.Purpose).HasMaxLength(40);
        b.Property(u => u.StorageHandle).HasMaxLength(1024);
        b.Property(u => u.Refusal).HasMaxLength(500);
        // PostgreSQL's xmin: a second writer of the same upload (another instance) fails instead of overwriting the offset.
        b.Property<uint>("Version").IsRowVersion();
        b.HasIndex(u => new { u.TenantId, u.ExpiresAt });
        b.HasOne<District>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(u => u.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.Property(f => f.FileName).HasMaxLength(UploadSession.MaxFileNameLength);
        b.Property(f => f.ContentType).HasMaxLength(100);
        b.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        b.Property(f => f.StorageKey).HasMaxLength(1024);
        b.Property(f => f.Purpose).HasMaxLength(40);
        b.Property(f => f.AttachedToType).HasMaxLength(60);
        b.HasIndex(f => new { f.TenantId, f.OwnerId, f.CreatedAt });
        b.HasIndex(f => new { f.AttachedToType, f.AttachedToId });
        b.HasIndex(f => f.UploadId).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(f => f.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(f => f.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}
