using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Domain.Common;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// One ready row of a started import, issued by the background job on behalf of the Issuer who started it (so the
/// audit trail names them, and an Issuer who lost the role stops their job). Its own transaction: the badge, the row's
/// outcome and the import's progress are saved together, so a crash never issues a row twice or loses its count.
/// <para>
/// People not yet in the district: the CSV is the district's own record that they earned the badge, so they are
/// brought in rather than refused. A person with a MicroCred account joins the district as an Earner; an email without
/// an account gets one (no password, email confirmed by the district's record) and a link to choose a password. Either
/// way the badge is issued and they are told by email that it awaits them.
/// </para>
/// </summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record IssueImportedBadge(Guid ImportId, Guid RowId) : ICommand<ImportRowStatus>;

public sealed class IssueImportedBadgeHandler(AppDbContext db, UserManager<User> users, BadgeIssuing issuing, BadgeLinks badges, ILinkBuilder links,
    EmailOutbox outbox, ITenantContext tenant, TimeProvider clock) : ICommandHandler<IssueImportedBadge, ImportRowStatus>
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

        var user = await users.FindByEmailAsync(row.Email);
        var created = false;
        if (user is null)
        {
            user = new User { UserName = row.Email, Email = row.Email, EmailConfirmed = true, DisplayName = row.Name ?? "", CreatedAt = now };
            var result = await users.CreateAsync(user);
            if (!result.Succeeded) throw new DomainException("No account could be made for this email: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            created = true;
        }
        else
        {
            // Whatever another file, a decision or an earlier import did meanwhile: one badge per person and credential.
            var held = await db.Assertions.AsNoTracking().Where(a => a.RecipientId == user.Id && a.CredentialId == row.CredentialId)
                .OrderBy(a => a.RevokedAt != null).Select(a => new { a.IssuedOn, a.RevokedAt }).FirstOrDefaultAsync(ct);
            if (held is { RevokedAt: null })
            {
                row.SkippedAtRun($"Already holds this badge (issued {held.IssuedOn:d MMMM yyyy}).", now);
                import.Record(ImportRowStatus.Skipped, now);
                return ImportRowStatus.Skipped;
            }
            if (held is { RevokedAt: { } revokedAt })
                throw new DomainException($"This person's badge for this credential was revoked on {revokedAt:d MMMM yyyy}; an import does not re-issue it.");
        }

        var joined = false;
        if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id, ct))
        {
            db.Memberships.Add(Membership.Join(tenant.TenantId!.Value, user.Id, DistrictRole.Earner, now));
            await db.SaveChangesAsync(ct); // BadgeIssuing checks membership in the database; same transaction
            joined = true;
        }

        var assertionId = await issuing.IssueAsync(new BadgeAward(user.Id, versionId, EvidenceUrl: row.EvidenceUrl, IssuedOn: row.IssuedOn, Basis: AwardBasis.Migrated), ct);
        row.Issued(assertionId, created ? "Account created; emailed to choose a password." : joined ? "Joined the district as an Earner." : null, now);
        import.Record(ImportRowStatus.Issued, now);
        await TellAsync(user, row, assertionId, created, joined, ct);
        return ImportRowStatus.Issued;
    }

    private async Task TellAsync(User user, BadgeImportRow row, Guid assertionId, bool created, bool joined, CancellationToken ct)
    {
        var district = await db.Districts.AsNoTracking().Where(d => d.Id == tenant.TenantId).Select(d => d.Name).SingleAsync(ct);
        var hello = $"Hello{(user.DisplayName.Length > 0 ? " " + user.DisplayName : "")},";
        var what = $"{district} has recorded that you earned “{row.CredentialName}” on {row.IssuedOn:d MMMM yyyy} and issued it to you as an Open Badge you can share and anyone can verify.";
        if (created)
        {
            var code = Tokens.ForLink(await users.GeneratePasswordResetTokenAsync(user));
            outbox.Queue(user.Email!, $"A badge from {district} is waiting for you",
                [hello, what, "We created a MicroCred account for this email address so the badge stays yours wherever you work. Choose a password with the link below (it works once and expires within a day; after that, use “Forgot your password?” on the login page).",
                    $"Your badge: {badges.Assertion(assertionId)}"],
                "Choose a password", links.Absolute($"/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={code}"));
            return;
        }
        outbox.Queue(user.Email!, $"A badge from {district} is waiting for you",
            [hello, what, .. joined ? [$"You are now a member of {district} as an Earner."] : Array.Empty<string>(),
                $"Your badge: {badges.Assertion(assertionId)}", "Every badge you hold, from every district, is in your backpack."],
            "Open your backpack", links.Absolute("/backpack"));
    }
}
