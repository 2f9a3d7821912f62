using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>How big an import may be. Larger files are refused with a message saying how to split them.</summary>
public static class BadgeImportLimits
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 2000;
    public const string Columns = "email, credential, date, and optionally evidence_url and name";
}

/// <summary>
/// An Issuer uploads a CSV of badges earned outside the platform. Nothing is issued yet: every row is checked and the
/// import is saved as a preview (row-level errors, rows already held, rows ready), which the Issuer then starts.
/// </summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record PreviewBadgeImport(string? FileName, [property: NotAudited] byte[] Content) : ICommand<Guid>;

public sealed class PreviewBadgeImportValidator : AbstractValidator<PreviewBadgeImport>
{
    public PreviewBadgeImportValidator()
    {
        RuleFor(c => c.Content).NotEmpty().WithName("File").OverridePropertyName("File").WithMessage("Choose a CSV file to upload.");
        RuleFor(c => c.Content).Must(c => c.Length <= BadgeImportLimits.MaxBytes).OverridePropertyName("File")
            .WithMessage($"The file is larger than {FileSizes.Describe(BadgeImportLimits.MaxBytes)}. Split it into several files of at most {BadgeImportLimits.MaxRows} rows.");
    }
}

public sealed class PreviewBadgeImportHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<PreviewBadgeImport, Guid>
{
    private static readonly string[] Known = ["email", "credential", "date", "evidence_url", "name"];

    public async ValueTask<Guid> Handle(PreviewBadgeImport command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var records = CsvFile.Read(command.Content);
        if (records.Count == 0) throw new DomainException($"The file is empty. Its first line names the columns: {BadgeImportLimits.Columns}.", "File");
        var columns = Header(records[0]);
        var lines = records.Skip(1).ToList();
        if (lines.Count == 0) throw new DomainException("The file has a header but no rows: add one row per badge.", "File");
        if (lines.Count > BadgeImportLimits.MaxRows)
            throw new DomainException($"The file has {lines.Count:N0} rows; an import takes at most {BadgeImportLimits.MaxRows:N0}. Split it into several files.", "File");

        var credentials = await PublishedCredentialsAsync(ct);
        string? Field(CsvRecord r, string name) => columns.TryGetValue(name, out var index) && index < r.Fields.Count ? r.Fields[index] : null;
        var rows = lines.Select(r => BadgeImportRow.Read(r.Line, Field(r, "email"), Field(r, "credential"), Field(r, "date"),
            Field(r, "evidence_url"), Field(r, "name"), credentials.Find, now)).ToList();

        var firstLine = new Dictionary<string, int>();
        foreach (var row in rows.Where(r => r.Status == ImportRowStatus.Ready))
        {
            if (firstLine.TryGetValue(row.Key, out var earlier)) row.DuplicateOf(earlier);
            else firstLine[row.Key] = row.Line;
        }
        await CheckPeopleAsync(rows.Where(r => r.Status == ImportRowStatus.Ready).ToList(), ct);

        var import = BadgeImport.Preview(Guid.Empty, command.FileName, user.Id!.Value, rows, now);
        db.BadgeImports.Add(import);
        db.BadgeImportRows.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return import.Id;
    }

    /// <summary>Column positions by name; names are case-insensitive and may use spaces or hyphens for the underscore.</summary>
    private static Dictionary<string, int> Header(CsvRecord header)
    {
        var columns = new Dictionary<string, int>();
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            if (name is "evidence" or "evidenceurl") name = "evidence_url";
            if (name.Length == 0) continue;
            if (!Known.Contains(name))
                throw new DomainException($"Line 1: unknown column “{header.Fields[i]}”. The columns are {BadgeImportLimits.Columns}.", "File");
            if (!columns.TryAdd(name, i)) throw new DomainException($"Line 1: the column “{name}” appears twice.", "File");
        }
        var missing = new[] { "email", "credential", "date" }.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new DomainException($"Line 1 must name the columns: {BadgeImportLimits.Columns}. Missing: {string.Join(", ", missing)}.", "File");
        return columns;
    }

    /// <summary>
    /// Marks rows already held or revoked, and notes who is not a member. Reads only the district's own members and
    /// badges: whether an address has an account anywhere must not show (an attacker's preview would list them).
    /// </summary>
    private async Task CheckPeopleAsync(List<BadgeImportRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var normalized = rows.Select(r => r.Email.ToUpperInvariant()).Distinct().ToList();
        var members = await db.Memberships.AsNoTracking().Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.NormalizedEmail })
            .Where(x => normalized.Contains(x.NormalizedEmail!)).ToDictionaryAsync(x => x.NormalizedEmail!, x => x.Id, ct);
        var ids = members.Values.ToList();
        var emails = rows.Select(r => r.Email.ToLowerInvariant()).Distinct().ToList();
        var credentialIds = rows.Select(r => r.CredentialId!.Value).Distinct().ToList();
        var held = await db.Assertions.AsNoTracking()
            .Where(a => ((a.RecipientId != null && ids.Contains(a.RecipientId.Value)) || emails.Contains(a.RecipientEmail))
                && a.CredentialId != null && credentialIds.Contains(a.CredentialId.Value))
            .Select(a => new { a.RecipientId, a.RecipientEmail, CredentialId = a.CredentialId!.Value, a.IssuedOn, a.RevokedAt }).ToListAsync(ct);

        foreach (var row in rows)
        {
            Guid? memberId = members.TryGetValue(row.Email.ToUpperInvariant(), out var id) ? id : null;
            var email = row.Email.ToLowerInvariant();
            var theirs = held.Where(h => h.CredentialId == row.CredentialId
                && (memberId is not null ? h.RecipientId == memberId : h.RecipientEmail == email)).ToList();
            if (theirs.FirstOrDefault(h => h.RevokedAt is null) is { } valid) row.AlreadyHeld(valid.IssuedOn);
            else if (theirs.FirstOrDefault() is { RevokedAt: { } revokedAt }) row.WasRevoked(revokedAt);
            else if (memberId is null) row.Note(NotAMember);
        }
    }

    /// <summary>The preview's note for everyone outside the district, whether or not they have an account anywhere.</summary>
    public const string NotAMember = "Not a member of the district: the badge is issued to this email, which is sent a link to claim it.";

    private async Task<CredentialDirectory> PublishedCredentialsAsync(CancellationToken ct)
    {
        var list = await (
            from c in db.MicroCredentials.AsNoTracking()
            join v in db.CredentialVersions.AsNoTracking() on c.PublishedVersionId equals v.Id
            where c.RetiredAt == null && v.Status == VersionStatus.Published
            select new ImportCredential(c.Id, v.Id, v.Name)).ToListAsync(ct);
        return new CredentialDirectory(list);
    }

    /// <summary>Finds a published credential by its id or its name (case and extra spaces do not matter).</summary>
    private sealed class CredentialDirectory(IReadOnlyList<ImportCredential> credentials)
    {
        private readonly ILookup<string, ImportCredential> byName = credentials.ToLookup(c => Normalize(c.Name));

        public ImportCredential? Find(string text)
        {
            if (Guid.TryParse(text, out var id)) return credentials.FirstOrDefault(c => c.CredentialId == id || c.VersionId == id);
            var matches = byName[Normalize(text)].ToList();
            if (matches.Count > 1)
                throw new DomainException($"Several published micro-credentials are called “{text}”: use the credential's id instead.");
            return matches.SingleOrDefault();
        }

        private static string Normalize(string name) => string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant();
    }
}

/// <summary>
/// A CSV to start from: the header and one line per published micro-credential of the district (up to three), with a
/// placeholder address to replace. Written as spreadsheets read it (UTF-8 with a byte order mark, CRLF, quoted names).
/// </summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record GetBadgeImportExample : IQuery<byte[]>;

public sealed class GetBadgeImportExampleHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<GetBadgeImportExample, byte[]>
{
    public async ValueTask<byte[]> Handle(GetBadgeImportExample query, CancellationToken ct)
    {
        var names = await (
            from c in db.MicroCredentials.AsNoTracking()
            join v in db.CredentialVersions.AsNoTracking() on c.PublishedVersionId equals v.Id
            where c.RetiredAt == null
            orderby v.Name
            select v.Name).Take(3).ToListAsync(ct);
        var date = clock.GetUtcNow().AddYears(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var text = new System.Text.StringBuilder("email,credential,date,evidence_url,name\r\n");
        foreach (var (name, i) in names.Select((n, i) => (n, i + 1)))
            text.Append($"teacher{i}@school.example,\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{date},,\r\n");
        return [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text.ToString())];
    }
}

/// <summary>The Issuer confirms a preview: its ready rows are queued and the background job starts issuing them.</summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record StartBadgeImport(Guid ImportId) : ICommand<int>;

public sealed class StartBadgeImportHandler(AppDbContext db, ICurrentUser user, ITenantContext tenant, TimeProvider clock, BadgeImportQueue queue)
    : ICommandHandler<StartBadgeImport, int>
{
    public async ValueTask<int> Handle(StartBadgeImport command, CancellationToken ct)
    {
        var import = await db.BadgeImports.SingleOrDefaultAsync(i => i.Id == command.ImportId, ct)
            ?? throw new NotFoundException(nameof(BadgeImport), command.ImportId);
        import.Start(user.Id!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        queue.Enqueue(new ImportWork(tenant.TenantId!.Value, tenant.Slug!, import.Id));
        return import.Planned;
    }
}

public sealed record BadgeImportSummary(Guid Id, string FileName, DateTimeOffset CreatedAt, string CreatedBy, BadgeImportStatus Status,
    int RowCount, int Ready, int Errors, int Skipped, int Issued, int Failed, int Percent);

/// <summary>The district's imports, newest first.</summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record ListBadgeImports : IQuery<IReadOnlyList<BadgeImportSummary>>;

public sealed class ListBadgeImportsHandler(AppDbContext db) : IQueryHandler<ListBadgeImports, IReadOnlyList<BadgeImportSummary>>
{
    public async ValueTask<IReadOnlyList<BadgeImportSummary>> Handle(ListBadgeImports query, CancellationToken ct)
    {
        var imports = await db.BadgeImports.AsNoTracking().OrderByDescending(i => i.CreatedAt).Take(50)
            .Join(db.Users, i => i.CreatedBy, u => u.Id, (i, u) => new { Import = i, u.DisplayName, u.Email }).ToListAsync(ct);
        return imports.Select(x => new BadgeImportSummary(x.Import.Id, x.Import.FileName, x.Import.CreatedAt, x.DisplayName == "" ? x.Email! : x.DisplayName,
            x.Import.Status, x.Import.RowCount, x.Import.ReadyCount, x.Import.ErrorCount, x.Import.SkippedCount, x.Import.IssuedCount, x.Import.FailedCount,
            x.Import.Percent)).ToList();
    }
}

public sealed record BadgeImportRowView(int Line, string Email, string Credential, string? CredentialName, string Date, string? EvidenceUrl,
    ImportRowStatus Status, string? Message, Guid? AssertionId);

public sealed record BadgeImportView(Guid Id, string FileName, DateTimeOffset CreatedAt, string CreatedBy, BadgeImportProgress Progress,
    int RowCount, int Ready, int Errors, IReadOnlyList<BadgeImportRowView> Rows);

/// <summary>What the progress bar polls for.</summary>
public sealed record BadgeImportProgress(BadgeImportStatus Status, int Planned, int Processed, int Issued, int Skipped, int Failed, int Percent,
    bool Finished, string? StopReason)
{
    public static BadgeImportProgress Of(BadgeImport i) =>
        new(i.Status, i.Planned, i.Processed, i.IssuedCount, i.SkippedCount, i.FailedCount, i.Percent, i.IsFinished, i.StopReason);
}

/// <summary>One import with every row: the preview before it starts, the outcome of each row after.</summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record GetBadgeImport(Guid ImportId) : IQuery<BadgeImportView>;

public sealed class GetBadgeImportHandler(AppDbContext db) : IQueryHandler<GetBadgeImport, BadgeImportView>
{
    public async ValueTask<BadgeImportView> Handle(GetBadgeImport query, CancellationToken ct)
    {
        var import = await db.BadgeImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == query.ImportId, ct)
            ?? throw new NotFoundException(nameof(BadgeImport), query.ImportId);
        var by = await db.Users.Where(u => u.Id == import.CreatedBy).Select(u => u.DisplayName == "" ? u.Email! : u.DisplayName).SingleAsync(ct);
        var rows = await db.BadgeImportRows.AsNoTracking().Where(r => r.ImportId == import.Id).OrderBy(r => r.Line)
            .Select(r => new BadgeImportRowView(r.Line, r.Email, r.CredentialText, r.CredentialName, r.DateText, r.EvidenceUrl, r.Status, r.Message, r.AssertionId))
            .ToListAsync(ct);
        return new BadgeImportView(import.Id, import.FileName, import.CreatedAt, by, BadgeImportProgress.Of(import), import.RowCount, import.ReadyCount,
            import.ErrorCount, rows);
    }
}

[RequiresRole(DistrictRole.Issuer)]
public sealed record GetBadgeImportProgress(Guid ImportId) : IQuery<BadgeImportProgress>;

public sealed class GetBadgeImportProgressHandler(AppDbContext db) : IQueryHandler<GetBadgeImportProgress, BadgeImportProgress>
{
    public async ValueTask<BadgeImportProgress> Handle(GetBadgeImportProgress query, CancellationToken ct)
    {
        var import = await db.BadgeImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == query.ImportId, ct)
            ?? throw new NotFoundException(nameof(BadgeImport), query.ImportId);
        return BadgeImportProgress.Of(import);
    }
}
