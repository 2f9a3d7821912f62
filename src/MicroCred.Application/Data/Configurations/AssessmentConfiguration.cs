using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MicroCred.Application.Data.Configurations;

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.Property(s => s.Name).HasMaxLength(School.MaxNameLength);
        b.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
        // A member's school: removing a school from the list clears it on the members who had picked it.
        b.HasMany<Membership>().WithOne().HasForeignKey(m => m.SchoolId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ConflictDeclarationConfiguration : IEntityTypeConfiguration<ConflictDeclaration>
{
    public void Configure(EntityTypeBuilder<ConflictDeclaration> b)
    {
        b.Property(c => c.Reason).HasMaxLength(ConflictDeclaration.MaxReasonLength);
        b.Ignore(c => c.IsActive);
        b.HasOne<User>().WithMany().HasForeignKey(c => c.DeclaredBy).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<User>().WithMany().HasForeignKey(c => c.OtherPersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Submission>().WithMany().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.DeclaredBy);
        b.HasIndex(c => c.OtherPersonId);
    }
}

internal sealed class AssessorQualificationConfiguration : IEntityTypeConfiguration<AssessorQualification>
{
    public void Configure(EntityTypeBuilder<AssessorQualification> b)
    {
        b.Property(q => q.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(q => q.Method).HasConversion<string>().HasMaxLength(16);
        b.Ignore(q => q.IsQualified);
        b.Ignore(q => q.AttemptInProgress);
        b.Property(q => q.PauseLiftReason).HasMaxLength(AssessorQualification.MaxReasonLength);
        b.HasIndex(q => new { q.TenantId, q.AssessorId, q.CredentialId }).IsUnique();
        b.HasOne<User>().WithMany().HasForeignKey(q => q.AssessorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MicroCredential>().WithMany().HasForeignKey(q => q.CredentialId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(q => q.Attempts).WithOne().HasForeignKey(a => a.QualificationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(q => q.Attempts).HasField("attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class CalibrationAttemptConfiguration : IEntityTypeConfiguration<CalibrationAttempt>
{
    public void Configure(EntityTypeBuilder<CalibrationAttempt> b)
    {
        // Attempts join their qualification through its collection: a client-made id must read as "new", not "changed".
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Ratings).HasJsonConversion();
        b.Ignore(a => a.IsInProgress);
        b.Ignore(a => a.AgreementPercent);
    }
}

internal sealed class AnchorConfiguration : IEntityTypeConfiguration<Anchor>
{
    public void Configure(EntityTypeBuilder<Anchor> b)
    {
        b.Property(a => a.Label).HasMaxLength(Anchor.MaxLabelLength);
        b.Property(a => a.Rationale).HasMaxLength(Anchor.MaxRationaleLength);
        b.Property(a => a.KnownLevels).HasJsonConversion();
        b.Property(a => a.Evidence).HasJsonConversion();
        b.Ignore(a => a.IsActive);
        b.HasOne<MicroCredential>().WithMany().HasForeignKey(a => a.CredentialId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<CredentialVersion>().WithMany().HasForeignKey(a => a.CredentialVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Submission>().WithMany().HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.TenantId, a.CredentialId });
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.Recommendation).HasConversion<string>().HasMaxLength(10);
        b.Ignore(r => r.Subject);
        b.Ignore(r => r.Final);
        b.Ignore(r => r.OpenRoles);
        b.Ignore(r => r.FormerAssessors);
        b.Ignore(r => r.IndependentPair);
        // Two scorers submitting at the same moment both touch the review row: PostgreSQL's xmin makes the
        // second one retry instead of both believing the other score is still missing.
        b.Property<uint>("Version").IsRowVersion();
        b.HasIndex(r => r.SubmissionId).IsUnique();
        b.HasIndex(r => new { r.TenantId, r.Status });
        b.HasIndex(r => new { r.TenantId, r.CredentialId });
        b.HasOne<Submission>().WithMany().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MicroCredential>().WithMany().HasForeignKey(r => r.CredentialId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Assignments).WithOne().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Assignments).HasField("assignments").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> b)
    {
        // Assignments join their review through its collection: a client-made id must read as "new", not "changed".
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Role).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Source).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.EndReason).HasConversion<string>().HasMaxLength(24);
        b.Property(a => a.Recommendation).HasConversion<string>().HasMaxLength(10);
        b.Property(a => a.Sheet!).HasJsonConversion(); // null while nothing is saved yet
        b.Ignore(a => a.IsActive);
        b.Ignore(a => a.IsOpen);
        b.Ignore(a => a.IsCompleted);
        b.HasOne<User>().WithMany().HasForeignKey(a => a.AssessorId).OnDelete(DeleteBehavior.Restrict);
        // One holder per role at a time: two people claiming the same work at once cannot both get it.
        b.HasIndex(a => new { a.ReviewId, a.Role }).IsUnique().HasFilter("ended_at IS NULL");
        b.HasIndex(a => new { a.TenantId, a.AssessorId, a.EndedAt, a.CompletedAt });
        b.HasIndex(a => a.SubmissionId);
    }
}
