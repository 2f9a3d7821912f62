using System.Linq.Expressions;
using MicroCred.Application.Common;
using MicroCred.Application.Email;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Auditing;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Recognition;
using MicroCred.Domain.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace MicroCred.Application.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options, ITenantContext tenant, AuditScope audit)
    : IdentityUserContext<User, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Name of the query filter on every tenant-owned entity; <c>IgnoreQueryFilters([TenantFilter])</c> lifts only this one.</summary>
    public const string TenantFilter = "Tenant";

    public DbSet<District> Districts => Set<District>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    // Design
    public DbSet<MicroCredential> MicroCredentials => Set<MicroCredential>();
    public DbSet<CredentialVersion> CredentialVersions => Set<CredentialVersion>();
    public DbSet<Stack> Stacks => Set<Stack>();
    public DbSet<BadgeImage> BadgeImages => Set<BadgeImage>();
    public DbSet<DesignSettings> DesignSettings => Set<DesignSettings>();

    // Evidence
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<EvidenceItem> EvidenceItems => Set<EvidenceItem>();
    public DbSet<PlanEntry> PlanEntries => Set<PlanEntry>();
    public DbSet<CredentialRecommendation> Recommendations => Set<CredentialRecommendation>();

    // Assessment
    public DbSet<School> Schools => Set<School>();
    public DbSet<ConflictDeclaration> ConflictDeclarations => Set<ConflictDeclaration>();
    public DbSet<AssessorQualification> AssessorQualifications => Set<AssessorQualification>();
    public DbSet<CalibrationAttempt> CalibrationAttempts => Set<CalibrationAttempt>();
    public DbSet<Anchor> Anchors => Set<Anchor>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<Assignment> Assignments => Set<Assignment>();

    // Recognition
    public DbSet<CreditType> CreditTypes => Set<CreditType>();
    public DbSet<RecognitionRule> RecognitionRules => Set<RecognitionRule>();
    public DbSet<CreditRequest> CreditRequests => Set<CreditRequest>();

    public DbSet<DistrictPolicy> DistrictPolicies => Set<DistrictPolicy>();
    public DbSet<EmailMessage> EmailMessages => Set<EmailMessage>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Evidence
    public DbSet<UploadSession> UploadSessions => Set<UploadSession>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    // Issuing
    public DbSet<Assertion> Assertions => Set<Assertion>();
    public DbSet<IssuerKey> IssuerKeys => Set<IssuerKey>();
    public DbSet<BadgeClaim> BadgeClaims => Set<BadgeClaim>();
    /// <summary>Which district publishes each public document id (global; written by database triggers).</summary>
    public DbSet<PublicDocument> PublicDocuments => Set<PublicDocument>();
    public DbSet<BadgeImport> BadgeImports => Set<BadgeImport>();
    public DbSet<BadgeImportRow> BadgeImportRows => Set<BadgeImportRow>();
    /// <summary>Teachers' opt-in public profiles (global: a profile belongs to a person, not a district).</summary>
    public DbSet<PublicProfile> PublicProfiles => Set<PublicProfile>();

    /// <summary>The acting district for query filters. <see cref="Guid.Empty"/> matches no row: no district, no data.</summary>
    internal Guid CurrentTenantId => tenant.TenantId ?? Guid.Empty;
    internal Guid? CurrentTenantIdOrNull => tenant.TenantId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<User>().ToTable("users");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserPasskey<Guid>>().ToTable("user_passkeys");
        builder.Entity<User>().Property(u => u.DisplayName).HasMaxLength(120);
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            typeof(AppDbContext).GetMethod(nameof(FilterByTenant), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type.ClrType).Invoke(this, [builder]);
        }
        builder.Entity<AuditEntry>().HasQueryFilter(TenantFilter, e => e.TenantId == CurrentTenantIdOrNull);
    }

    private void FilterByTenant<T>(ModelBuilder builder) where T : class, ITenantOwned
    {
        Expression<Func<T, bool>> filter = e => e.TenantId == CurrentTenantId;
        builder.Entity<T>().HasQueryFilter(TenantFilter, filter);
        builder.Entity<T>().HasIndex(e => e.TenantId);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// The two rules every write obeys: a tenant-owned row is written only inside its own district, and a
    /// change to the product's state is made by a command and lands in the audit trail with it.
    /// </summary>
    private void BeforeSave()
    {
        var changes = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Where(e => e.Entity is not AuditEntry and not EmailMessage and not DataProtectionKey)
            .ToList();
        if (changes.Count == 0) return;

        foreach (var entry in changes.Where(e => e.Entity is ITenantOwned)) EnforceTenant(entry);

        if (!audit.IsOpen)
            throw new InvalidOperationException(
                "State changes must go through a Mediator command (which opens the audit scope); " +
                $"tried to save {string.Join(", ", changes.Select(e => e.Entity.GetType().Name).Distinct())} outside one.");

        var targets = string.Join("\n", changes.Select(Describe));
        AuditEntries.Add(audit.Entry(tenant.TenantId, targets));
    }

    private void EnforceTenant(EntityEntry entry)
    {
        var current = tenant.TenantId
            ?? throw new TenantIsolationException($"Cannot save {entry.Entity.GetType().Name}: no district is selected.");
        var property = entry.Property(nameof(ITenantOwned.TenantId));
        if (entry.State == EntityState.Added && (Guid)property.CurrentValue! == Guid.Empty) property.CurrentValue = current;

        var owner = entry.State == EntityState.Added ? (Guid)property.CurrentValue! : (Guid)property.OriginalValue!;
        if (owner != current || (Guid)property.CurrentValue! != current)
            throw new TenantIsolationException($"Refused to save {entry.Entity.GetType().Name} of another district.");
    }

    private static string Describe(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString());
        return $"{entry.State} {entry.Metadata.ClrType.Name} {string.Join("/", key ?? [])}";
    }
}
