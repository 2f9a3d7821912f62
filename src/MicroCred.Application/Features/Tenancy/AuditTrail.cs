using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Auditing;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>What to show of the district's audit trail: by action, by person (part of their name), by day (UTC, both ends included).</summary>
public sealed record AuditFilter(string? Action = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// The district's audit trail, newest first, a page at a time. Paging is by position in the trail, not by page
/// number: <paramref name="Before"/> shows the entries older than that entry, <paramref name="After"/> the newer ones,
/// so a page view reads one page of the index whatever the trail's size (no count of the whole table).
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record ListAuditTrail(AuditFilter Filter, long? Before = null, long? After = null) : IQuery<AuditPage>;

/// <summary>The filtered trail for a spreadsheet, newest first, at most <see cref="AuditTrailReader.ExportLimit"/> entries.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record ExportAuditTrail(AuditFilter Filter) : IQuery<IReadOnlyList<AuditRow>>;

/// <param name="Older">The entry to show older entries before, when there are any.</param>
/// <param name="Newer">The entry to show newer entries after, when there are any.</param>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, long? Older, long? Newer);

/// <param name="Action">The action as recorded (the command's name).</param>
/// <param name="ActionText">The action in words.</param>
/// <param name="Changes">What it changed, one line per row, with names where the row has one.</param>
/// <param name="Details">What the person asked for, one labelled value per field, with names instead of ids.</param>
public sealed record AuditRow(long Id, DateTimeOffset At, string? Actor, string Action, string ActionText,
    IReadOnlyList<string> Changes, IReadOnlyList<AuditDetail> Details, string? RequestId);

public sealed record AuditDetail(string Label, string Value)
{
    /// <summary>Longer than this, a value (a credential's whole text, say) shows its beginning and folds the rest.</summary>
    public const int ShortLength = 200;

    public bool IsLong => Value.Length > ShortLength;

    /// <summary>The beginning of a long value, cut at a word.</summary>
    public string Beginning => !IsLong ? Value : Value[..(Value.LastIndexOf(' ', ShortLength) is > 0 and var cut ? cut : ShortLength)] + " …";
}

public sealed class AuditTrailHandler(AppDbContext db) : IQueryHandler<ListAuditTrail, AuditPage>, IQueryHandler<ExportAuditTrail, IReadOnlyList<AuditRow>>
{
    public const int PageSize = 50;

    public async ValueTask<AuditPage> Handle(ListAuditTrail query, CancellationToken ct)
    {
        var entries = AuditTrailReader.Filtered(db, query.Filter);
        List<AuditEntry> page;
        bool moreOlder, moreNewer;
        if (query.After is { } after)
        {
            page = await entries.Where(e => e.Id > after).OrderBy(e => e.Id).Take(PageSize + 1).ToListAsync(ct);
            moreNewer = page.Count > PageSize;
            page = page.Take(PageSize).Reverse().ToList();
            var oldest = page.Count > 0 ? page[^1].Id : 0;
            moreOlder = page.Count > 0 && await entries.AnyAsync(e => e.Id < oldest, ct);
        }
        else
        {
            var older = query.Before is { } before ? entries.Where(e => e.Id < before) : entries;
            page = await older.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(ct);
            moreOlder = page.Count > PageSize;
            page = page.Take(PageSize).ToList();
            var newest = page.Count > 0 ? page[0].Id : 0;
            moreNewer = page.Count > 0 && query.Before is not null && await entries.AnyAsync(e => e.Id > newest, ct);
        }
        var rows = await new AuditTrailReader(db).DescribeAsync(page, ct);
        return new AuditPage(rows, moreOlder ? page[^1].Id : null, moreNewer ? page[0].Id : null);
    }

    public async ValueTask<IReadOnlyList<AuditRow>> Handle(ExportAuditTrail query, CancellationToken ct)
    {
        var entries = await AuditTrailReader.Filtered(db, query.Filter).OrderByDescending(e => e.Id).Take(AuditTrailReader.ExportLimit).ToListAsync(ct);
        return await new AuditTrailReader(db).DescribeAsync(entries, ct);
    }
}

/// <summary>Filters the trail and turns entries into words: action wording, named rows, labelled fields.</summary>
public sealed partial class AuditTrailReader(AppDbContext db)
{
    public const int ExportLimit = 50_000;

    /// <summary>The command types by name, to read their recorded fields with their types (enums by name).</summary>
    private static readonly Dictionary<string, Type> Commands = typeof(AuditTrailReader).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(IBaseCommand).IsAssignableFrom(t))
        .GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    public static IQueryable<AuditEntry> Filtered(AppDbContext db, AuditFilter filter)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Action)) entries = entries.Where(e => e.Action == filter.Action);
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var pattern = "%" + filter.Actor.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            entries = entries.Where(e => EF.Functions.ILike(e.ActorName!, pattern));
        }
        if (filter.From is { } from) entries = entries.Where(e => e.At >= new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        if (filter.To is { } to) entries = entries.Where(e => e.At < new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
        return entries;
    }

    public async Task<IReadOnlyList<AuditRow>> DescribeAsync(IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var ids = new HashSet<Guid>();
        foreach (var e in entries)
        {
            foreach (Match m in GuidPattern().Matches(e.Targets)) ids.Add(Guid.Parse(m.Value));
            if (e.Details is not null) foreach (Match m in GuidPattern().Matches(e.Details)) ids.Add(Guid.Parse(m.Value));
        }
        var names = ids.Count == 0 ? new Dictionary<Guid, string>() : await NamesAsync(ids, ct);
        return entries.Select(e => new AuditRow(e.Id, e.At, e.ActorName, e.Action, AuditActions.Describe(e.Action),
            Changes(e.Targets, names), Details(e.Action, e.Details, names), e.RequestId)).ToList();
    }

    /// <summary>"Added Invitation 0195…" → "Added invitation: a@b.org".</summary>
    private static List<string> Changes(string targets, Dictionary<Guid, string> names) =>
        targets.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var parts = line.Split(' ', 3);
            if (parts.Length < 2) return line;
            var verb = parts[0] switch { "Added" => "Added", "Modified" => "Changed", "Deleted" => "Removed", _ => parts[0] };
            var what = AuditActions.Humanize(parts[1]).ToLowerInvariant();
            var key = parts.Length > 2 ? parts[2] : "";
            var name = Guid.TryParse(key, out var id) && names.TryGetValue(id, out var n) ? n : null;
            return name is null ? $"{verb} {what}" : $"{verb} {what}: {name}";
        }).Distinct().ToList();

    private static List<AuditDetail> Details(string action, string? details, Dictionary<Guid, string> names)
    {
        if (string.IsNullOrEmpty(details)) return [];
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(details).RootElement;
        }
        catch (JsonException)
        {
            return [new AuditDetail("Details", details)];
        }
        if (root.ValueKind != JsonValueKind.Object) return [new AuditDetail("Details", details)];
        Commands.TryGetValue(action, out var command);
        names = WithNamesWithin(root, names);
        var list = new List<AuditDetail>();
        foreach (var field in root.EnumerateObject())
        {
            var type = command?.GetProperty(field.Name, BindingFlags.Public | BindingFlags.Instance)?.PropertyType;
            var value = Value(field.Value, type, names);
            if (value is null) continue;
            var label = field.Name.EndsWith("Ids", StringComparison.Ordinal) && field.Name.Length > 3 ? field.Name[..^3] + "s"
                : field.Name.EndsWith("Id", StringComparison.Ordinal) && field.Name.Length > 2 ? field.Name[..^2] : field.Name;
            list.Add(new AuditDetail(AuditActions.Humanize(label), value));
        }
        return list;
    }

    /// <summary>
    /// The ids the details name themselves: a record with an Id and a Name (a rubric's levels and criteria), so that
    /// "passing level" and descriptors keyed by level read as the level's name.
    /// </summary>
    private static Dictionary<Guid, string> WithNamesWithin(JsonElement root, Dictionary<Guid, string> names)
    {
        var all = new Dictionary<Guid, string>(names);
        void Walk(JsonElement e)
        {
            if (e.ValueKind == JsonValueKind.Array) foreach (var item in e.EnumerateArray()) Walk(item);
            if (e.ValueKind != JsonValueKind.Object) return;
            if (e.TryGetProperty("Id", out var id) && id.ValueKind == JsonValueKind.String && id.TryGetGuid(out var guid)
                && (e.TryGetProperty("Name", out var name) || e.TryGetProperty("Title", out name)) && name.ValueKind == JsonValueKind.String)
                all.TryAdd(guid, name.GetString()!);
            foreach (var p in e.EnumerateObject()) Walk(p.Value);
        }
        Walk(root);
        return all;
    }

    private static string? Value(JsonElement value, Type? type, Dictionary<Guid, string> names)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            case JsonValueKind.True:
                return "yes";
            case JsonValueKind.False:
                return "no";
            case JsonValueKind.Number when type is { IsEnum: true } && value.TryGetInt64(out var number):
                var named = Enum.ToObject(type, number).ToString() ?? "";
                return string.Join(", ", named.Split(", ").Select(p => AuditActions.Humanize(p).ToLowerInvariant()));
            case JsonValueKind.String when value.TryGetGuid(out var id):
                return names.TryGetValue(id, out var name) ? name : id.ToString();
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Array:
                var element = type?.IsGenericType == true ? type.GetGenericArguments()[0] : type?.GetElementType();
                var items = value.EnumerateArray().Select(v => Value(v, element, names)).Where(v => v is not null).ToList();
                return items.Count == 0 ? null : string.Join("; ", items);
            case JsonValueKind.Object:
                // A dictionary of ids (rubric criterion → level) or a nested record: name: value pairs.
                // A nested record's own id (a rubric level's) says nothing to a reader; its name, next to it, does.
                var pairs = value.EnumerateObject()
                    .Where(p => !(p.Name == "Id" && p.Value.ValueKind == JsonValueKind.String && p.Value.TryGetGuid(out _)))
                    .Select(p =>
                    {
                        var key = Guid.TryParse(p.Name, out var k) && names.TryGetValue(k, out var kn) ? kn : AuditActions.Humanize(p.Name);
                        return $"{key}: {Value(p.Value, null, names) ?? "—"}";
                    }).ToList();
                return pairs.Count == 0 ? null : string.Join("; ", pairs);
            default:
                return value.GetRawText();
        }
    }

    /// <summary>Names of the rows the ids point to, in this district (row-level security keeps the lookups here).</summary>
    private async Task<Dictionary<Guid, string>> NamesAsync(HashSet<Guid> ids, CancellationToken ct)
    {
        var names = new Dictionary<Guid, string>();
        void Add(IEnumerable<(Guid Id, string Name)> rows)
        {
            foreach (var (id, name) in rows) names.TryAdd(id, name);
        }
        // People by their account id, only when they are members here: another district's people stay unnamed.
        Add((await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && db.Memberships.Any(m => m.UserId == u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName)));
        Add((await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Id, u.DisplayName }).ToListAsync(ct)).Select(m => (m.Id, m.DisplayName)));
        Add((await db.Invitations.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Email }).ToListAsync(ct)).Select(i => (i.Id, i.Email)));
        var versions = await db.CredentialVersions.AsNoTracking().Where(v => ids.Contains(v.Id) || ids.Contains(v.CredentialId))
            .Select(v => new { v.Id, v.CredentialId, v.Number, v.Name }).ToListAsync(ct);
        Add(versions.Select(v => (v.Id, $"{v.Name} (version {v.Number})")));
        Add(versions.GroupBy(v => v.CredentialId).Select(g => (g.Key, g.MaxBy(v => v.Number)!.Name)));
        Add((await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Join(db.CredentialVersions, s => s.CredentialVersionId, v => v.Id, (s, v) => new { s.Id, s.EarnerId, v.Name })
            .Join(db.Users, s => s.EarnerId, u => u.Id, (s, u) => new { s.Id, s.Name, u.DisplayName }).ToListAsync(ct))
            .Select(s => (s.Id, $"{s.Name} by {s.DisplayName}")));
        Add((await db.Assertions.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.BadgeName, a.RecipientName }).ToListAsync(ct))
            .Select(a => (a.Id, $"{a.BadgeName} badge of {a.RecipientName}")));
        Add((await db.Stacks.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)));
        Add((await db.Schools.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)));
        Add((await db.CreditTypes.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct)).Select(c => (c.Id, c.Name)));
        Add((await db.Anchors.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Label }).ToListAsync(ct)).Select(a => (a.Id, a.Label)));
        return names;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}
