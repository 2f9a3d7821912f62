using System.Globalization;
using MicroCred.Domain.Common;

namespace MicroCred.Domain.Issuing;

/// <summary>Previewed ─start▶ Queued ─first row▶ Running ─last row▶ Completed; or Stopped when the job cannot go on.</summary>
public enum BadgeImportStatus { Previewed, Queued, Running, Completed, Stopped }

/// <summary>
/// A row's verdict. In the preview: Ready (will be issued), Error (will not), Skipped (the person already holds the badge).
/// After the run: Issued, Skipped (held by then) or Failed (refused when its turn came).
/// </summary>
public enum ImportRowStatus { Ready, Error, Skipped, Issued, Failed }

/// <summary>
/// A district's bulk issue from a CSV of badges earned outside the platform (a district migrating its records). The
/// Issuer previews the file row by row, then starts it; a background job issues the ready rows one at a time, each in
/// its own audited command, so the progress is exact and a crash loses nothing. Idempotent: a person is never issued
/// the same credential twice, whichever file or import it comes from.
/// </summary>
public sealed class BadgeImport : ITenantOwned
{
    public const int MaxFileName = 200;

    private BadgeImport() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string FileName { get; private set; } = "";
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public BadgeImportStatus Status { get; private set; }

    public int RowCount { get; private set; }
    public int ReadyCount { get; private set; }
    public int ErrorCount { get; private set; }
    /// <summary>Rows skipped in the preview (already held) plus rows skipped during the run.</summary>
    public int SkippedCount { get; private set; }

    /// <summary>How many rows the run works through (the ready rows when it started).</summary>
    public int Planned { get; private set; }
    public int Processed { get; private set; }
    public int IssuedCount { get; private set; }
    public int FailedCount { get; private set; }

    public Guid? StartedBy { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? StopReason { get; private set; }

    public bool IsFinished => Status is BadgeImportStatus.Completed or BadgeImportStatus.Stopped;
    public bool IsWaitingForRunner => Status is BadgeImportStatus.Queued or BadgeImportStatus.Running;

    /// <summary>0–100, for the progress bar: the share of the planned rows already worked through.</summary>
    public int Percent => Status == BadgeImportStatus.Completed ? 100 : Planned == 0 ? 0 : (int)Math.Floor(100.0 * Processed / Planned);

    public static BadgeImport Preview(Guid tenantId, string? fileName, Guid createdBy, IReadOnlyList<BadgeImportRow> rows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new DomainException("The file has a header but no rows: add one row per badge.", "File");
        var name = string.IsNullOrWhiteSpace(fileName) ? "badges.csv" : Path.GetFileName(fileName.Trim());
        var import = new BadgeImport
        {
            Id = Guid.CreateVersion7(now),
            FileName = name.Length > MaxFileName ? name[..MaxFileName] : name,
            CreatedBy = createdBy,
            CreatedAt = now,
            Status = BadgeImportStatus.Previewed,
            RowCount = rows.Count,
            ReadyCount = rows.Count(r => r.Status == ImportRowStatus.Ready),
            ErrorCount = rows.Count(r => r.Status == ImportRowStatus.Error),
            SkippedCount = rows.Count(r => r.Status == ImportRowStatus.Skipped),
        };
        foreach (var row in rows) row.BelongTo(import.Id, now);
        return import;
    }

    /// <summary>The Issuer confirms the preview: the ready rows are queued for the background job.</summary>
    public void Start(Guid by, DateTimeOffset now)
    {
        if (Status != BadgeImportStatus.Previewed) throw new DomainException("This import was already started: follow its progress below.");
        if (ReadyCount == 0) throw new DomainException("No row is ready to issue: fix the errors in the file and upload it again.");
        Status = BadgeImportStatus.Queued;
        Planned = ReadyCount;
        StartedBy = by;
        StartedAt = now;
    }

    /// <summary>One ready row was worked through by the job (issued, skipped or failed).</summary>
    public void Record(ImportRowStatus outcome, DateTimeOffset now)
    {
        if (!IsWaitingForRunner) throw new InvalidOperationException($"Import {Id} is {Status}, not running.");
        Status = BadgeImportStatus.Running;
        switch (outcome)
        {
            case ImportRowStatus.Issued: IssuedCount++; break;
            case ImportRowStatus.Skipped: SkippedCount++; break;
            case ImportRowStatus.Failed: FailedCount++; break;
            default: throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not an outcome of the run.");
        }
        Processed++;
        if (Processed >= Planned) Finish(now);
    }

    /// <summary>The job found nothing left to do (e.g. every remaining row was handled by an earlier run).</summary>
    public void Finish(DateTimeOffset now)
    {
        if (IsFinished) return;
        Status = BadgeImportStatus.Completed;
        CompletedAt = now;
    }

    /// <summary>The job cannot go on (the Issuer who started it lost the role); rows not yet reached stay unissued.</summary>
    public void Stop(string reason, DateTimeOffset now)
    {
        if (IsFinished) return;
        Status = BadgeImportStatus.Stopped;
        StopReason = reason.Length > 500 ? reason[..500] : reason;
        CompletedAt = now;
    }
}

/// <summary>What a credential column resolved to: a published micro-credential of the district.</summary>
public sealed record ImportCredential(Guid CredentialId, Guid VersionId, string Name);

/// <summary>One line of an import file, with what the preview made of it and, after the run, what happened.</summary>
public sealed class BadgeImportRow : ITenantOwned
{
    public const int MaxText = 300;
    public const int MaxName = 120;
    public const int MaxUrl = 2000;

    private BadgeImportRow() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ImportId { get; private set; }
    /// <summary>The line of the file the row starts on (the header is line 1).</summary>
    public int Line { get; private set; }

    /// <summary>As written in the file (trimmed; lowercased when it is a valid address).</summary>
    public string Email { get; private set; } = "";
    public string CredentialText { get; private set; } = "";
    public string DateText { get; private set; } = "";
    public string? EvidenceUrl { get; private set; }
    /// <summary>Optional <c>name</c> column: used only when an account has to be created for the email.</summary>
    public string? Name { get; private set; }

    public Guid? CredentialId { get; private set; }
    public Guid? CredentialVersionId { get; private set; }
    public string? CredentialName { get; private set; }
    public DateTimeOffset? IssuedOn { get; private set; }

    public ImportRowStatus Status { get; private set; }
    /// <summary>Why the row is in error or skipped, or a note on a ready row ("joins the district as an Earner").</summary>
    public string? Message { get; private set; }
    public Guid? AssertionId { get; private set; }
    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>The key that makes imports idempotent: one credential per person per district.</summary>
    public string Key => CredentialId is { } id ? $"{Email}|{id}" : "";

    /// <summary>
    /// Reads one line's fields. Each problem is a row error in words an Issuer can act on; the first one found is kept.
    /// <paramref name="findCredential"/> resolves a published credential by id or name (null: none; throws
    /// <see cref="DomainException"/> when ambiguous).
    /// </summary>
    public static BadgeImportRow Read(int line, string? email, string? credential, string? date, string? evidenceUrl, string? name,
        Func<string, ImportCredential?> findCredential, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(findCredential);
        var row = new BadgeImportRow
        {
            Id = Guid.CreateVersion7(now),
            Line = line,
            Email = Clip(email),
            CredentialText = Clip(credential),
            DateText = Clip(date),
            EvidenceUrl = Clip(evidenceUrl, MaxUrl) is { Length: > 0 } url ? url : null,
            Name = Clip(name) is { Length: > 0 } n ? n : null,
            Status = ImportRowStatus.Ready,
        };
        try
        {
            row.Email = Guard.Email(email, "Email", $"“{row.Email}”");
        }
        catch (DomainException) when (string.IsNullOrWhiteSpace(email))
        {
            return row.Fail("The email is missing.");
        }
        catch (DomainException)
        {
            return row.Fail($"“{row.Email}” is not an email address.");
        }

        if (row.CredentialText.Length == 0) return row.Fail("The credential is missing: give its name or id.");
        ImportCredential? found;
        try
        {
            found = findCredential(row.CredentialText);
        }
        catch (DomainException ambiguous)
        {
            return row.Fail(ambiguous.Message);
        }
        if (found is null) return row.Fail($"No published micro-credential of this district is called “{row.CredentialText}”.");
        (row.CredentialId, row.CredentialVersionId, row.CredentialName) = (found.CredentialId, found.VersionId, found.Name);

        if (row.DateText.Length == 0) return row.Fail("The date is missing: write it as YYYY-MM-DD.");
        if (ParseDate(row.DateText) is not { } on) return row.Fail($"“{row.DateText}” is not a date: write it as YYYY-MM-DD, e.g. 2025-06-30.");
        if (on > now) return row.Fail($"The date {on:yyyy-MM-dd} is in the future: a badge records something already earned.");
        if (on.Year < 1970) return row.Fail($"The date {on:yyyy-MM-dd} is too long ago to be right.");
        row.IssuedOn = on;

        try
        {
            row.EvidenceUrl = Guard.HttpUrl(row.EvidenceUrl, "EvidenceUrl", "The evidence link");
        }
        catch (DomainException)
        {
            return row.Fail($"The evidence link “{row.EvidenceUrl}” is not a web address starting with http:// or https://.");
        }
        if (row.Name is { Length: > MaxName }) return row.Fail($"The name is longer than {MaxName} characters.");
        return row;
    }

    /// <summary>Dates as ISO 8601: a day (taken as midnight UTC) or a full timestamp with its offset.</summary>
    public static DateTimeOffset? ParseDate(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];
        return DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime() : null;
    }

    /// <summary>An earlier line of the same file names the same person and credential.</summary>
    public void DuplicateOf(int earlierLine)
    {
        if (Status == ImportRowStatus.Ready) Fail($"Duplicate of line {earlierLine}: the same person and credential.");
    }

    /// <summary>The person already holds this credential's badge: the row is skipped, never issued twice.</summary>
    public void AlreadyHeld(DateTimeOffset since)
    {
        if (Status != ImportRowStatus.Ready) return;
        Status = ImportRowStatus.Skipped;
        Message = $"Already holds this badge (issued {since:d MMMM yyyy}).";
    }

    /// <summary>A badge for this credential was revoked from the person: an import never quietly re-issues it.</summary>
    public void WasRevoked(DateTimeOffset revokedAt) =>
        Fail($"This person's badge for this credential was revoked on {revokedAt:d MMMM yyyy}; an import does not re-issue it.");

    /// <summary>A note for a ready row (e.g. an account will be created).</summary>
    public void Note(string note)
    {
        if (Status == ImportRowStatus.Ready) Message = note;
    }

    internal void BelongTo(Guid importId, DateTimeOffset now)
    {
        ImportId = importId;
        if (Id == Guid.Empty) Id = Guid.CreateVersion7(now);
    }

    // The run.

    public void Issued(Guid assertionId, string? note, DateTimeOffset now)
    {
        EnsureReady();
        Status = ImportRowStatus.Issued;
        AssertionId = assertionId;
        Message = note;
        ProcessedAt = now;
    }

    public void SkippedAtRun(string reason, DateTimeOffset now)
    {
        EnsureReady();
        Status = ImportRowStatus.Skipped;
        Message = reason;
        ProcessedAt = now;
    }

    public void FailedAtRun(string reason, DateTimeOffset now)
    {
        EnsureReady();
        Status = ImportRowStatus.Failed;
        Message = reason.Length > 500 ? reason[..500] : reason;
        ProcessedAt = now;
    }

    private void EnsureReady()
    {
        if (Status != ImportRowStatus.Ready) throw new DomainException($"Line {Line} was already handled ({Status}).");
    }

    private BadgeImportRow Fail(string message)
    {
        Status = ImportRowStatus.Error;
        Message = message;
        return this;
    }

    private static string Clip(string? value, int max = MaxText)
    {
        var trimmed = value?.Trim() ?? "";
        return trimmed.Length > max ? trimmed[..max] : trimmed;
    }
}
