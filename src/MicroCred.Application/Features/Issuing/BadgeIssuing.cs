using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// What to award: to whom (<paramref name="RecipientId"/>, a member of the district, or for someone outside it only
/// <paramref name="ToEmail"/>: the badge waits for them to claim it), for what (one published credential version
/// <b>or</b> a published stack), and optionally from which awarded submission.
/// </summary>
/// <param name="EvidenceUrl">
/// A public link to the evidence. Linked only when the earner made their evidence public: for an award from a
/// submission, when <see cref="Submission.EvidencePublic"/> is set; otherwise the caller vouches for it (an import).
/// </param>
/// <param name="Signed">Issue a signed badge (compact JWS with the district's active key) instead of a hosted one.</param>
/// <param name="IssuedOn">When it was earned, for records from before the platform; defaults to now.</param>
/// <param name="Basis">For a credential awarded without a submission: why (prior learning, the default, or a migration).</param>
public sealed record BadgeAward(
    Guid? RecipientId,
    Guid? CredentialVersionId = null,
    Guid? StackId = null,
    Guid? SubmissionId = null,
    string? Narrative = null,
    string? EvidenceUrl = null,
    bool Signed = false,
    DateTimeOffset? IssuedOn = null,
    AwardBasis? Basis = null,
    string? ToEmail = null,
    string? ToName = null)
{
    /// <summary>The award for an awarded submission: its earner, its version, and the decision note as narrative.</summary>
    public static BadgeAward ForSubmission(Submission submission, string? evidenceUrl = null, bool signed = false) =>
        new(submission.EarnerId, submission.CredentialVersionId, null, submission.Id, submission.DecisionNote, evidenceUrl, signed);

    public static BadgeAward ForStack(Guid recipientId, Guid stackId) => new(recipientId, StackId: stackId);
}

/// <summary>
/// Issues Open Badges inside the acting district. Call it from a command handler (the decision queue, stack
/// auto-award, imports, the Issuer's manual form): it only adds tracked rows, and the command's
/// <c>SaveChangesAsync</c> writes them with its audit entry, in one transaction. Refusals are
/// <see cref="DomainException"/>s written for the Issuer.
/// </summary>
public sealed class BadgeIssuing(AppDbContext db, ITenantContext tenant, ICurrentUser user, AuditScope audit, TimeProvider clock,
    IssuerKeyring keys)
{
    /// <returns>The new assertion's id; its public URL is <see cref="BadgeLinks.Assertion"/>.</returns>
    public async Task<Guid> IssueAsync(BadgeAward award, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(award);
        if (!audit.IsOpen) throw new InvalidOperationException("Badges are issued inside a command (which audits and saves them).");
        var districtId = tenant.TenantId ?? throw new InvalidOperationException("No district is selected.");
        var now = clock.GetUtcNow();

        var recipient = await RecipientAsync(award, ct);

        // Nobody issues a badge by hand to themselves or to someone they are in conflict with (an award on a submission
        // was checked when the Issuer decided it; a stack's badge follows from those). Someone outside the district has
        // no declared conflicts here, and the Issuer's own address is a member's.
        if (award.SubmissionId is null && award.StackId is null && user.Id is { } issuerId && award.RecipientId is { } memberId)
            (await db.AssessorPoolAsync(await db.ReadDistrictPolicyAsync(tenant, ct), ct)).EnsureMayIssue(issuerId, memberId, "Email");

        var subject = await SubjectAsync(award, ct);
        var evidenceUrl = award.EvidenceUrl;
        if (award.SubmissionId is { } submissionId)
        {
            // Tracked on purpose: the decision that awards it is in this same command and not saved yet.
            var submission = await db.Submissions.SingleOrDefaultAsync(s => s.Id == submissionId, ct)
                ?? throw new NotFoundException(nameof(Submission), submissionId);
            if (submission.Status != SubmissionStatus.Awarded) throw new DomainException("Only an awarded submission earns a badge.");
            if (submission.EarnerId != award.RecipientId || submission.CredentialVersionId != award.CredentialVersionId)
                throw new DomainException("The badge must go to the submission's earner, for the version they were judged on.");
            if (!submission.EvidencePublic) evidenceUrl = null;
            if (await db.Assertions.AnyAsync(a => a.SubmissionId == submissionId, ct))
                throw new DomainException("This submission already has its badge.");
        }

        // One valid badge per person and subject (a credential whichever version, or a stack); one that is revoked,
        // expired or due for renewal may be earned again.
        var renewFrom = now.AddDays(Evidence.Renewal.WindowDays);
        var held = await db.Assertions.AsNoTracking().ValidAt(now)
            .Where(a => (award.RecipientId != null ? a.RecipientId == award.RecipientId : a.RecipientEmail == recipient.Email) && (a.Expires == null || a.Expires > renewFrom)
                && (subject.StackId != null ? a.StackId == subject.StackId : a.CredentialId == subject.CredentialId))
            .Select(a => (DateTimeOffset?)a.IssuedOn).FirstOrDefaultAsync(ct);
        // Badges issued earlier in this same command (a bulk decision) count as held too.
        held ??= db.ChangeTracker.Entries<Assertion>().Select(e => e.Entity)
            .Where(a => (award.RecipientId != null ? a.RecipientId == award.RecipientId : a.RecipientEmail == recipient.Email) && (subject.StackId != null ? a.StackId == subject.StackId : a.CredentialId == subject.CredentialId))
            .Select(a => (DateTimeOffset?)a.IssuedOn).FirstOrDefault();
        if (held is { } heldSince)
            throw new DomainException($"{recipient.Email} already holds the badge \"{subject.Name}\" (issued {heldSince:d MMMM yyyy}).", "Email");

        var key = award.Signed ? await keys.ActiveKeyAsync(ct) : null;
        var assertion = Assertion.Issue(districtId, recipient, subject, award.SubmissionId, award.Narrative, evidenceUrl,
            award.Signed ? BadgeVerification.Signed : BadgeVerification.Hosted, key?.Id, user.Id, now, award.IssuedOn,
            award.SubmissionId is null && award.StackId is null ? award.Basis ?? AwardBasis.PriorLearning : null);
        db.Assertions.Add(assertion);
        return assertion.Id;
    }

    private async Task<BadgeRecipient> RecipientAsync(BadgeAward award, CancellationToken ct)
    {
        if (award.RecipientId is not { } recipientId)
        {
            // Someone outside the district: the badge names only their email until they claim it.
            if (award.SubmissionId is not null || award.StackId is not null || string.IsNullOrWhiteSpace(award.ToEmail))
                throw new InvalidOperationException("Only a credential issued by hand or imported goes to an email address.");
            var email = award.ToEmail.Trim().ToLowerInvariant(); // the badge checks its shape
            return new BadgeRecipient(null, email, string.IsNullOrWhiteSpace(award.ToName) ? email : award.ToName.Trim());
        }
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == recipientId)
            .Select(u => new BadgeRecipient(u.Id, u.Email!, u.DisplayName == "" ? u.Email! : u.DisplayName)).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Person", recipientId);
        if (!await db.Memberships.AnyAsync(m => m.UserId == recipientId, ct))
            throw new DomainException($"{recipient.Email} is not a member of this district.", "Email");
        return recipient;
    }

    private async Task<BadgeSubject> SubjectAsync(BadgeAward award, CancellationToken ct)
    {
        if ((award.CredentialVersionId is null) == (award.StackId is null))
            throw new DomainException("Choose one micro-credential or one stack to award.", "CredentialId");
        if (award.CredentialVersionId is { } versionId)
        {
            var version = await db.CredentialVersions.AsNoTracking().Where(v => v.Id == versionId)
                .Select(v => new { v.CredentialId, v.Status, v.Name, v.Content }).SingleOrDefaultAsync(ct)
                ?? throw new NotFoundException("Credential version", versionId);
            if (version.Status == VersionStatus.Draft) throw new DomainException("Only a published micro-credential can be awarded.", "CredentialId");
            return BadgeSubject.Credential(version.CredentialId, versionId, version.Name, version.Content.ValidityMonths);
        }
        var stack = await db.Stacks.AsNoTracking().Where(s => s.Id == award.StackId).Select(s => new { s.Name, s.PublishedAt }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Stack", award.StackId!.Value);
        if (stack.PublishedAt is null) throw new DomainException("Only a published stack can be awarded.", "StackId");
        return BadgeSubject.Stack(award.StackId!.Value, stack.Name);
    }
}
