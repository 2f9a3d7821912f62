using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroCred.Application.Features.Assessment;

/// <summary>Loading what the assessment rules need, in the acting district.</summary>
internal static class AssessmentData
{
    /// <summary>The district's people as the assignment rules see them (see <see cref="AssessorPool"/>).</summary>
    public static async Task<AssessorPool> AssessorPoolAsync(this AppDbContext db, DistrictPolicy policy, CancellationToken ct, TimeProvider? clock = null)
    {
        var members = await db.Memberships.AsNoTracking().Select(m => new { m.UserId, m.Roles, m.SchoolId }).ToListAsync(ct);
        var qualified = await db.CurrentQualificationsAsync(policy, (clock ?? TimeProvider.System).GetUtcNow(), ct);
        var conflicts = await db.ConflictDeclarations.AsNoTracking().Where(c => c.WithdrawnAt == null).ToListAsync(ct);
        var byAssessor = qualified.ToLookup(q => q.AssessorId, q => q.CredentialId);
        return new AssessorPool(
            members.Select(m => new PoolMember(m.UserId, (m.Roles & DistrictRole.Assessor) != 0, m.SchoolId, byAssessor[m.UserId].ToHashSet())),
            conflicts, policy.ForbidSameSchool);
    }

    /// <summary>
    /// The qualifications that let someone be given work now: qualified, not expired, not paused (the rules are
    /// <see cref="AssessorQualification.IsCurrentAt"/> and <see cref="AssessorQualification.PausedBy"/>). Everything that
    /// counts qualified assessors (assignment, the publish warning, the getting-started checklist) counts these.
    /// </summary>
    public static async Task<List<AssessorQualification>> CurrentQualificationsAsync(this AppDbContext db, DistrictPolicy policy, DateTimeOffset now,
        CancellationToken ct, Guid? credentialId = null)
    {
        var qualified = await db.AssessorQualifications.AsNoTracking()
            .Where(q => q.Status == QualificationStatus.Qualified && (credentialId == null || q.CredentialId == credentialId)).ToListAsync(ct);
        if (qualified.Count == 0) return qualified;
        var pairs = await db.ScorePairsAsync(ct, credentialId);
        return qualified.Where(q => q.IsCurrentAt(now, policy.QualificationValidMonths)
            && q.PausedBy(pairs, policy.AgreementThresholdPercent, policy.PauseMinimumComparisons) is null).ToList();
    }

    /// <summary>Current qualifications (<see cref="CurrentQualificationsAsync"/>) held by members who still have the Assessor role.</summary>
    public static async Task<List<AssessorQualification>> CurrentAssessorQualificationsAsync(this AppDbContext db, DistrictPolicy policy, DateTimeOffset now,
        CancellationToken ct, Guid? credentialId = null)
    {
        var assessors = (await db.Memberships.AsNoTracking().Where(m => (m.Roles & DistrictRole.Assessor) != 0).Select(m => m.UserId).ToListAsync(ct)).ToHashSet();
        return (await db.CurrentQualificationsAsync(policy, now, ct, credentialId)).Where(q => assessors.Contains(q.AssessorId)).ToList();
    }

    /// <summary>Open work per assessor and when each was last given work, for the least-loaded choice.</summary>
    public static async Task<Dictionary<Guid, AssessorLoad>> AssessorLoadsAsync(this AppDbContext db, CancellationToken ct)
    {
        var rows = await db.Assignments.AsNoTracking()
            .GroupBy(a => a.AssessorId)
            .Select(g => new
            {
                AssessorId = g.Key,
                Open = g.Count(a => a.EndedAt == null && a.CompletedAt == null),
                Last = g.Max(a => (DateTimeOffset?)a.AssignedAt),
            })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.AssessorId, r => new AssessorLoad(r.Open, r.Last));
    }

    public static async Task<Submission> SubmissionAsync(this AppDbContext db, Guid submissionId, CancellationToken ct) =>
        await db.Submissions.SingleOrDefaultAsync(s => s.Id == submissionId, ct) ?? throw new NotFoundException(nameof(Submission), submissionId);

    public static Task<Review?> ReviewOfAsync(this AppDbContext db, Guid submissionId, CancellationToken ct) =>
        db.Reviews.Include(r => r.Assignments).SingleOrDefaultAsync(r => r.SubmissionId == submissionId, ct);

    /// <summary>The review and the acting assessor's active assignment on a submission; NotFound unless they hold one.</summary>
    public static async Task<(Review Review, Assignment Mine, Submission Submission)> MyWorkAsync(this AppDbContext db, Guid submissionId, Guid userId, CancellationToken ct)
    {
        var review = await db.ReviewOfAsync(submissionId, ct);
        var mine = review?.Assignments.FirstOrDefault(a => a.AssessorId == userId && a.IsActive);
        if (review is null || mine is null) throw new NotFoundException(nameof(Submission), submissionId); // not assigned to you: as if it did not exist
        return (review, mine, await db.SubmissionAsync(submissionId, ct));
    }

    public static async Task<CredentialVersion> VersionAsync(this AppDbContext db, Guid versionId, CancellationToken ct) =>
        await db.CredentialVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId, ct) ?? throw new NotFoundException(nameof(CredentialVersion), versionId);

    /// <summary>Opens the review of submitted work: the credential's next sequence number decides double scoring.</summary>
    public static async Task<Review> OpenReviewAsync(this AppDbContext db, Submission submission, DistrictPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var sequence = await db.Reviews.CountAsync(r => r.CredentialId == submission.CredentialId, ct) + 1;
        var review = Review.Open(submission, sequence, policy, now);
        db.Reviews.Add(review);
        return review;
    }

    /// <summary>
    /// Saves review changes, turning a race (two people taking or scoring the same work at the same moment) into
    /// a message instead of an error page.
    /// </summary>
    public static async Task SaveReviewAsync(this AppDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Someone else changed this work at the same moment. Reload the page and try again.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new DomainException("Someone else has just taken this work.");
        }
    }

    /// <summary>The content-recognised kind of each uploaded file among some evidence.</summary>
    public static async Task<Dictionary<Guid, FileKind>> FileKindsAsync(this AppDbContext db, IEnumerable<EvidenceItem> items, CancellationToken ct)
    {
        var ids = items.Where(i => i.FileId is not null).Select(i => i.FileId!.Value).ToList();
        if (ids.Count == 0) return [];
        return await db.StoredFiles.AsNoTracking().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Kind, ct);
    }

    /// <summary>Display names by user id.</summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(this AppDbContext db, IEnumerable<Guid> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    /// <summary>Email and name of the district's Admins (for work that needs them).</summary>
    public static async Task<List<(string Email, string Name)>> AdminContactsAsync(this AppDbContext db, CancellationToken ct)
    {
        var admins = await db.Memberships.AsNoTracking().Where(m => (m.Roles & DistrictRole.Admin) != 0).Select(m => m.UserId).ToListAsync(ct);
        var people = await db.Users.AsNoTracking().Where(u => admins.Contains(u.Id) && u.Email != null).OrderBy(u => u.Email)
            .Select(u => new { u.Email, u.DisplayName }).ToListAsync(ct);
        return people.Select(p => (p.Email!, p.DisplayName)).ToList();
    }

    /// <summary>Earners' names and schools (only ever shown when blind review is off, or to Admins).</summary>
    public static async Task<Dictionary<Guid, (string Name, string? School)>> EarnersAsync(this AppDbContext db, IEnumerable<Guid> earnerIds, CancellationToken ct)
    {
        var ids = earnerIds.Distinct().ToList();
        var names = await db.NamesAsync(ids, ct);
        var schoolOf = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, m => m.SchoolId, ct);
        var schools = await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return ids.ToDictionary(id => id, id => (names.GetValueOrDefault(id, ""),
            schoolOf.GetValueOrDefault(id) is { } school ? schools.GetValueOrDefault(school) : null));
    }

    /// <summary>Latest name of each credential (the published version's, or the newest).</summary>
    public static async Task<Dictionary<Guid, string>> CredentialNamesAsync(this AppDbContext db, CancellationToken ct)
    {
        var versions = await db.CredentialVersions.AsNoTracking().Select(v => new { v.CredentialId, v.Number, v.Name, v.Status }).ToListAsync(ct);
        return versions.GroupBy(v => v.CredentialId)
            .ToDictionary(g => g.Key, g => (g.FirstOrDefault(v => v.Status == VersionStatus.Published) ?? g.OrderByDescending(v => v.Number).First()).Name);
    }

    /// <summary>What assessors call their part: the two independent scorers are never told which is which.</summary>
    public static string TaskName(AssignmentRole role) => role == AssignmentRole.Adjudicator ? "Adjudicate" : "Score";
}
