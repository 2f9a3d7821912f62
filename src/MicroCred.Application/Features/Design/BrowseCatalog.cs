using FluentValidation;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// The district's public catalog: its published, non-retired micro-credentials (never drafts, never another
/// district's), searched and filtered, a page at a time, with the published stacks beside them. Anyone may read it.
/// </summary>
public sealed record BrowseCatalog(
    string? Q = null, string? Standard = null, string? Tag = null, string? GradeBand = null, string? Subject = null,
    Guid? Stack = null, string? Hours = null, int Page = 1) : IQuery<CatalogPage>;

public sealed record CatalogPage(
    IReadOnlyList<CatalogCard> Cards, int Page, int PageCount, int Total, int PageSize, CatalogOptions Options, IReadOnlyList<CatalogStack> Stacks);

public sealed record CatalogCard(
    Guid CredentialId, string Name, string? ShortDescription, decimal? Hours, IReadOnlyList<string> Tags, int StandardsCount,
    IReadOnlyList<StackRef> Stacks);

public sealed record StackRef(Guid Id, string Name);

public sealed record CatalogStack(Guid Id, string Name, string Description, bool Sequential, int CredentialCount);

/// <summary>The values each filter can take, drawn from what is published.</summary>
public sealed record CatalogOptions(
    IReadOnlyList<string> Standards, IReadOnlyList<string> Tags, IReadOnlyList<string> GradeBands, IReadOnlyList<string> Subjects,
    IReadOnlyList<StackRef> Stacks, IReadOnlyList<HoursRange> Hours);

/// <summary>Estimated hours above <see cref="Above"/> (exclusive) and up to <see cref="UpTo"/> (inclusive).</summary>
public sealed record HoursRange(string Key, string Label, decimal? Above, decimal? UpTo)
{
    public static readonly IReadOnlyList<HoursRange> All =
    [
        new("up-to-5", "Up to 5 hours", null, 5),
        new("5-10", "More than 5, up to 10 hours", 5, 10),
        new("10-20", "More than 10, up to 20 hours", 10, 20),
        new("over-20", "More than 20 hours", 20, null),
    ];
}

public sealed class BrowseCatalogValidator : AbstractValidator<BrowseCatalog>
{
    public BrowseCatalogValidator()
    {
        RuleFor(q => q.Q).MaximumLength(200).WithMessage("Search for at most 200 characters.");
        RuleFor(q => q.Hours).Must(h => h is null or "" || HoursRange.All.Any(r => r.Key == h)).WithMessage("Choose one of the hour ranges.");
    }
}

public sealed class BrowseCatalogHandler(AppDbContext db) : IQueryHandler<BrowseCatalog, CatalogPage>
{
    public const int PageSize = 12;

    public async ValueTask<CatalogPage> Handle(BrowseCatalog query, CancellationToken ct)
    {
        var stacks = await db.Stacks.AsNoTracking().Where(s => s.PublishedAt != null).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Name, s.Description, s.Sequential, s.CredentialIds }).ToListAsync(ct);

        // Status Published is exactly "the current version of a credential that is not retired".
        var published = db.CredentialVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published);
        var versions = published;
        foreach (var term in (query.Q ?? "").ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(8))
            versions = versions.Where(v => v.SearchText.Contains(term));
        if (Clean(query.Standard) is { } standard) versions = versions.Where(v => v.Standards.Contains(standard));
        if (Clean(query.Tag) is { } tag) versions = versions.Where(v => v.Tags.Contains(tag));
        if (Clean(query.GradeBand) is { } band) versions = versions.Where(v => v.GradeBands.Contains(band));
        if (Clean(query.Subject) is { } subject) versions = versions.Where(v => v.Subjects.Contains(subject));
        if (query.Stack is { } stackId)
        {
            var members = stacks.FirstOrDefault(s => s.Id == stackId)?.CredentialIds ?? [];
            versions = versions.Where(v => members.Contains(v.CredentialId));
        }
        if (HoursRange.All.FirstOrDefault(r => r.Key == query.Hours) is { } hours)
        {
            if (hours.Above is { } above) versions = versions.Where(v => v.EstimatedHours > above);
            if (hours.UpTo is { } upTo) versions = versions.Where(v => v.EstimatedHours <= upTo);
        }

        var total = await versions.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var rows = await versions.OrderBy(v => v.Name).ThenBy(v => v.CredentialId).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(v => new { v.CredentialId, v.Name, v.Content, v.EstimatedHours, v.Tags }).ToListAsync(ct);

        var cards = rows.Select(r => new CatalogCard(r.CredentialId, r.Name, r.Content.ShortDescription, r.EstimatedHours, r.Tags,
            r.Content.Alignments.Count,
            stacks.Where(s => s.CredentialIds.Contains(r.CredentialId)).Select(s => new StackRef(s.Id, s.Name)).ToList())).ToList();

        var facets = await published.Select(v => new { v.CredentialId, v.Standards, v.Tags, v.GradeBands, v.Subjects }).ToListAsync(ct);
        var options = new CatalogOptions(
            Distinct(facets.SelectMany(f => f.Standards)), Distinct(facets.SelectMany(f => f.Tags)),
            Distinct(facets.SelectMany(f => f.GradeBands)).OrderBy(GradeOrder).ToList(), Distinct(facets.SelectMany(f => f.Subjects)),
            stacks.Select(s => new StackRef(s.Id, s.Name)).ToList(), HoursRange.All);
        var listed = facets.Select(f => f.CredentialId).ToHashSet();
        var publicStacks = stacks.Select(s => new CatalogStack(s.Id, s.Name, s.Description, s.Sequential, s.CredentialIds.Count(listed.Contains))).ToList();
        return new CatalogPage(cards, page, pageCount, total, PageSize, options, publicStacks);
    }

    /// <summary>Grade bands in school order: Pre-K, K-2, 3-5, 6-8, 9-12, then anything else.</summary>
    private static int GradeOrder(string band)
    {
        if (band.StartsWith("Pre", StringComparison.OrdinalIgnoreCase)) return -2;
        if (band.StartsWith('K') || band.StartsWith('k')) return -1;
        var digits = new string(band.TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 && int.TryParse(digits, out var grade) ? grade : 100;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> Distinct(IEnumerable<string> values) =>
        values.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
}
