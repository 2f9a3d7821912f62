using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Domain.Common;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using MicroCred.Application.Features.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// One ready row of a started import, issued by the background job on behalf of the Issuer who started it (so the
/// audit trail names them, and an Issuer who lost the role stops their job). Its own transaction: the badge, the row's
/// outcome and the import's progress are saved together, so a crash never issues a row twice or loses its count.
/// <para>
/// People who are not members of the district get the badge at their email and one email with a link to claim it
/// (<see cref="BadgeClaimLinks"/>): no account or membership is created, and whether the address has an account
/// anywhere changes nothing, not even the row's message.
/// </para>
/// </summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record IssueImportedBadge(Guid ImportId, Guid RowId) : ICommand<ImportRowStatus>;

public sealed class IssueImportedBadgeHandler(AppDbContext db, BadgeIssuing issuing, BadgeClaimLinks claims, OutsideEmails outside, BadgeLinks badges,
    ILinkBuilder links, EmailOutbox outbox, ITenantContext tenant, TimeProvider clock) : ICommandHandler<IssueImportedBadge, ImportRowStatus>
{
    public async ValueTask<ImportRowStatus> Handle(IssueImportedBadge command, CancellationToken ct)
    {
        var (import, row) = await LoadAsync(command, ct);
        if (row.Status != ImportRowStatus.Ready) return row.Status; // handled by an earlier run
        if (!import.IsWaitingForRunner) throw new DomainException("This import is not running.");

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                var outcome = await IssueAsync(import, row, ct);
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return outcome;
            }
            catch (Exception e) when (e is DomainException or NotFoundException
                || e is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                var reason = e is DomainException refusal ? refusal.Message
                    : e is NotFoundException ? "The micro-credential or the person is no longer there."
                    : "Another import issued this badge at the same moment.";
                (import, row) = await LoadAsync(command, ct);
                if (e is DbUpdateException) row.SkippedAtRun(reason, clock.GetUtcNow());
                else row.FailedAtRun(reason, clock.GetUtcNow());
                import.Record(row.Status, clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                return row.Status;
            }
        }
    }

    private async Task<(BadgeImport, BadgeImportRow)> LoadAsync(IssueImportedBadge command, CancellationToken ct)
    {
        var import = await db.BadgeImports.SingleOrDefaultAsync(i => i.Id == command.ImportId, ct)
            ?? throw new NotFoundException(nameof(BadgeImport), command.ImportId);
        var row = await db.BadgeImportRows.SingleOrDefaultAsync(r => r.Id == command.RowId && r.ImportId == import.Id, ct)
            ?? throw new NotFoundException(nameof(BadgeImportRow), command.RowId);
        return (import, row);
    }

    private async Task<ImportRowStatus> IssueAsync(BadgeImport import, BadgeImportRow row, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var credential = await db.MicroCredentials.AsNoTracking().Where(c => c.Id == row.CredentialId)
            .Select(c => new { c.PublishedVersionId, c.RetiredAt }).SingleOrDefaultAsync(ct);
        if (credential?.PublishedVersionId is not { } versionId || credential.RetiredAt is not null)
            throw new DomainException("The micro-credential is no longer published.");

        var memberId = await claims.MemberAsync(row.Email, ct);
        // Whatever another file, a decision or an earlier import did meanwhile: one badge per person and credential.
        var email = row.Email.Trim().ToLowerInvariant();
        var held = await db.Assertions.AsNoTracking()
            .Where(a => (memberId != null ? a.RecipientId == memberId : a.RecipientEmail == email) && a.CredentialId == row.CredentialId)
            .OrderBy(a => a.RevokedAt != null).Select(a => new { a.IssuedOn, a.RevokedAt }).FirstOrDefaultAsync(ct);
        if (held is { RevokedAt: null })
        {
            row.SkippedAtRun($"Already holds this badge (issued {held.IssuedOn:d MMMM yyyy}).", now);
            import.Record(ImportRowStatus.Skipped, now);
            return ImportRowStatus.Skipped;
        }
        if (held is { RevokedAt: { } revokedAt })
            throw new DomainException($"This person's badge for this credential was revoked on {revokedAt:d MMMM yyyy}; an import does not re-issue it.");

        var award = new BadgeAward(memberId, versionId, EvidenceUrl: row.EvidenceUrl, IssuedOn: row.IssuedOn, Basis: AwardBasis.Migrated,
            ToEmail: row.Email, ToName: row.Name);
        if (memberId is { } userId)
        {
            var assertionId = await issuing.IssueAsync(award, ct);
            row.Issued(assertionId, null, now);
            import.Record(ImportRowStatus.Issued, now);
            await TellMemberAsync(userId, row, assertionId, ct);
            return ImportRowStatus.Issued;
        }
        var (claimedId, emailed) = await claims.IssueAsync(award, ct);
        row.Issued(claimedId, emailed ? ClaimEmailed : outside.CapReached, now);
        import.Record(ImportRowStatus.Issued, now);
        return ImportRowStatus.Issued;
    }

    /// <summary>The row's note for everyone outside the district, account or not.</summary>
    public const string ClaimEmailed = "Not a member of the district: issued to this email, with a link to claim it emailed.";

    private async Task TellMemberAsync(Guid userId, BadgeImportRow row, Guid assertionId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName }).SingleAsync(ct);
        var district = await db.Districts.AsNoTracking().Where(d => d.Id == tenant.TenantId).Select(d => d.Name).SingleAsync(ct);
        var hello = $"Hello{(user.DisplayName.Length > 0 ? " " + user.DisplayName : "")},";
        var what = $"{district} has recorded that you earned “{row.CredentialName}” on {row.IssuedOn:d MMMM yyyy} and issued it to you as an Open Badge you can share and anyone can verify.";
        outbox.Queue(user.Email!, $"A badge from {district} is waiting for you",
            [hello, what, $"Your badge: {badges.Assertion(assertionId)}", "Every badge you hold, from every district, is in your backpack."],
            "Open your backpack", links.Absolute("/backpack"));
    }
}
