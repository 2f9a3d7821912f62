using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

/// <summary>
/// Assessors may read the files of the submissions they hold work on (scoring, adjudicating, or having scored),
/// and a calibration candidate those of the anchors in their calibration in progress. Nobody else through this
/// rule: an unassigned or unqualified assessor finds nothing.
/// </summary>
public sealed class AssessorsMayReadTheirEvidence(AppDbContext db, ICurrentUser user) : IEvidenceReadRule
{
    public async ValueTask<bool> AllowsAsync(EvidenceFileRef file, CancellationToken ct)
    {
        if (user.Id is not { } me) return false;
        var submissions = db.EvidenceItems.Where(i => i.FileId == file.FileId).Select(i => i.SubmissionId);
        if (await db.Assignments.AnyAsync(a => a.AssessorId == me && a.EndedAt == null && submissions.Contains(a.SubmissionId), ct)) return true;

        var anchors = await db.Anchors.Where(a => a.SubmissionId != null && submissions.Contains(a.SubmissionId!.Value)).Select(a => a.Id).ToListAsync(ct);
        if (anchors.Count == 0) return false;
        var calibrating = await db.CalibrationAttempts
            .Where(t => t.SubmittedAt == null && !t.Abandoned && db.AssessorQualifications.Any(q => q.Id == t.QualificationId && q.AssessorId == me))
            .Select(t => t.AnchorIds).ToListAsync(ct);
        return calibrating.Any(ids => ids.Intersect(anchors).Any());
    }
}

/// <summary>
/// Blind review reaches files too: to anyone but their owner and the district's Admins, under blind review, a file
/// is named neutrally and its uploader is not named (its original name can carry the teacher's name).
/// </summary>
public sealed class BlindEvidence(AppDbContext db, ITenantContext tenant, ICurrentUser user, CurrentMember member)
{
    public async ValueTask<bool> HidesOwnerAsync(Guid ownerId, CancellationToken ct) =>
        user.Id != ownerId && !await member.HasAnyAsync(DistrictRole.Admin, ct) && (await db.ReadDistrictPolicyAsync(tenant, ct)).BlindReview;

    public static string NeutralName(Guid fileId, string fileName) => $"evidence-{fileId.ToString()[..8]}{Path.GetExtension(fileName)}";
}
