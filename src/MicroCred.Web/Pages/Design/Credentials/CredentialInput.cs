using MicroCred.Domain.Evidence;
using MicroCred.Domain.Design;

namespace MicroCred.Web.Pages.Design.Credentials;

/// <summary>
/// The editor's form: the credential's content in the shape of its fields, with repeating lists that keep their
/// ids across saves. Property names follow <see cref="CredentialContent"/> so refusals land on the right field.
/// Rows left completely blank (the spare rows offered without JavaScript, or an added row never filled in) are
/// dropped before saving; everything else is saved as typed, problems included, so nothing is lost.
/// </summary>
public sealed class CredentialInput
{
    public const int MegaByte = 1024 * 1024;

    public string Name { get; set; } = "";
    public string? ShortDescription { get; set; }
    public string? Competency { get; set; }
    public string? KeyMethod { get; set; }
    public List<string?> KeyMethodComponents { get; set; } = [];
    public string? Research { get; set; }
    public List<CitationInput> Citations { get; set; } = [];
    public List<ResourceInput> Resources { get; set; } = [];
    public List<PromptInput> Prompts { get; set; } = [];
    public RubricInput Rubric { get; set; } = new();
    public List<AlignmentInput> Alignments { get; set; } = [];
    public decimal? EstimatedHours { get; set; }
    /// <summary>Comma-separated in the form.</summary>
    public string? Tags { get; set; }
    public string? GradeBands { get; set; }
    public string? Subjects { get; set; }
    public bool Expires { get; set; }
    public int? ValidityMonths { get; set; }

    public static CredentialInput From(CredentialContent c) => new()
    {
        Name = c.Name,
        ShortDescription = c.ShortDescription,
        Competency = c.Competency,
        KeyMethod = c.KeyMethod,
        KeyMethodComponents = [.. c.KeyMethodComponents],
        Research = c.Research,
        Citations = c.Citations.Select(x => new CitationInput { Text = x.Text, Url = x.Url, Doi = x.Doi, PeerReviewed = x.PeerReviewed }).ToList(),
        Resources = c.Resources.Select(r => new ResourceInput
        {
            Id = r.Id, Title = r.Title, Kind = r.Kind, Url = r.Url, FileId = r.FileId, Description = r.Description,
        }).ToList(),
        Prompts = c.Prompts.Select(p => new PromptInput
        {
            Id = p.Id, Title = p.Title, Instructions = p.Instructions, Kind = p.Kind,
            AcceptedFiles = Enum.GetValues<FileKind>().Where(k => k is not (FileKind.None or FileKinds.All) && p.AcceptedFiles.HasFlag(k)).ToList(),
            MaxFileMegabytes = p.MaxFileBytes is { } bytes ? (int)Math.Max(1, bytes / MegaByte) : null,
            MinWords = p.MinWords, MaxWords = p.MaxWords, Required = p.Required,
        }).ToList(),
        Rubric = new RubricInput
        {
            Levels = c.Rubric.Levels.Select(l => new LevelInput { Id = l.Id, Name = l.Name }).ToList(),
            Criteria = c.Rubric.Criteria.Select(k => new CriterionInput
            {
                Id = k.Id, Title = k.Title, PromptIds = [.. k.PromptIds],
                Cells = c.Rubric.Levels.Select(l => new CellInput { LevelId = l.Id, Descriptor = k.Descriptor(l.Id) }).ToList(),
            }).ToList(),
            Passing = new PassingInput { MinimumLevelId = c.Rubric.Passing?.MinimumLevelId, MinimumTotal = c.Rubric.Passing?.MinimumTotal },
        },
        Alignments = c.Alignments.Select(a => new AlignmentInput { Framework = a.Framework, Code = a.Code, Name = a.Name, Url = a.Url, Description = a.Description }).ToList(),
        EstimatedHours = c.EstimatedHours,
        Tags = string.Join(", ", c.Tags),
        GradeBands = string.Join(", ", c.GradeBands),
        Subjects = string.Join(", ", c.Subjects),
        Expires = c.ValidityMonths is not null,
        ValidityMonths = c.ValidityMonths,
    };

    /// <summary>Drops the rows left blank, so that positions in the form match positions in the saved content.</summary>
    public void DropBlankRows()
    {
        KeyMethodComponents = KeyMethodComponents.Where(c => !string.IsNullOrWhiteSpace(c)).ToList();
        Citations = Citations.Where(c => !c.IsBlank).ToList();
        Resources = Resources.Where(r => !r.IsBlank).ToList();
        Prompts = Prompts.Where(p => !p.IsBlank).ToList();
        Alignments = Alignments.Where(a => !a.IsBlank).ToList();
        Rubric.Levels = Rubric.Levels.Where(l => !Rubric.IsBlank(l)).ToList();
        Rubric.Criteria = Rubric.Criteria.Where(c => !c.IsBlank).ToList();
    }

    /// <summary>Blank rows at the end of each list: without JavaScript, they are how a row is added.</summary>
    public void AddSpareRows()
    {
        KeyMethodComponents.Add(null);
        if (KeyMethodComponents.Count < 3) KeyMethodComponents.Add(null);
        Citations.Add(new CitationInput());
        Resources.Add(new ResourceInput { Id = Guid.NewGuid() });
        Prompts.Add(PromptInput.New());
        Alignments.Add(new AlignmentInput());
        var spareLevel = new LevelInput { Id = Guid.NewGuid() };
        Rubric.Levels.Add(spareLevel);
        foreach (var criterion in Rubric.Criteria) criterion.Cells.Add(new CellInput { LevelId = spareLevel.Id });
        Rubric.Criteria.Add(new CriterionInput
        {
            Id = Guid.NewGuid(), Cells = Rubric.Levels.Select(l => new CellInput { LevelId = l.Id }).ToList(),
        });
    }

    public CredentialContent ToContent()
    {
        var prompts = Unique(Prompts, p => p.Id, (p, id) => p.Id = id).Select(p => p.ToPrompt()).ToList();
        var promptIds = prompts.Select(p => p.Id).ToHashSet();
        return new CredentialContent(
            Name.Trim(),
            Clean(ShortDescription),
            Clean(Competency),
            Clean(KeyMethod),
            KeyMethodComponents.Select(c => c!.Trim()).ToList(),
            Clean(Research),
            Citations.Select(c => new Citation(c.Text?.Trim() ?? "", Clean(c.Url), Citation.NormaliseDoi(c.Doi), c.PeerReviewed)).ToList(),
            Unique(Resources, r => r.Id, (r, id) => r.Id = id)
                .Select(r => new Resource(r.Id, r.Title?.Trim() ?? "", r.Kind, Clean(r.Url), r.FileId, Clean(r.Description))).ToList(),
            prompts,
            Rubric.ToRubric(promptIds),
            Alignments.Select(a => new Alignment(a.Framework?.Trim() ?? "", Clean(a.Code), a.Name?.Trim() ?? "", Clean(a.Url), Clean(a.Description))).ToList(),
            EstimatedHours,
            Split(Tags),
            Split(GradeBands),
            Split(Subjects),
            // "Expires" without a number of months is a problem to point out, not "never expires".
            Expires ? ValidityMonths ?? 0 : null);
    }

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> Split(string? list) =>
        (list ?? "").Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Ids come from the page; a missing or repeated one (a copied row) gets a fresh id.</summary>
    internal static IEnumerable<T> Unique<T>(IEnumerable<T> rows, Func<T, Guid> id, Action<T, Guid> setId)
    {
        var seen = new HashSet<Guid>();
        foreach (var row in rows)
        {
            if (id(row) == Guid.Empty || !seen.Add(id(row)))
            {
                setId(row, Guid.NewGuid());
                seen.Add(id(row));
            }
            yield return row;
        }
    }
}

public sealed class CitationInput
{
    public string? Text { get; set; }
    public string? Url { get; set; }
    public string? Doi { get; set; }
    public bool PeerReviewed { get; set; }
    public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Doi);
}

public sealed class ResourceInput
{
    public Guid Id { get; set; }
    public string? Title { get; set; }
    public ResourceKind Kind { get; set; } = ResourceKind.Article;
    public string? Url { get; set; }
    /// <summary>A stored file attached elsewhere (uploads); kept as it is, not edited here.</summary>
    public Guid? FileId { get; set; }
    public string? Description { get; set; }
    public bool IsBlank => FileId is null && string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Description);
}

public sealed class PromptInput
{
    public Guid Id { get; set; }
    public string? Title { get; set; }
    public string? Instructions { get; set; }
    public EvidenceKind Kind { get; set; } = EvidenceKind.Files;
    public List<FileKind> AcceptedFiles { get; set; } = [];
    public int? MaxFileMegabytes { get; set; }
    public int? MinWords { get; set; }
    public int? MaxWords { get; set; }
    /// <summary>False when the box is not ticked (a missing checkbox posts nothing).</summary>
    public bool Required { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Instructions);

    /// <summary>A new prompt's defaults: required, files of the common kinds, 500 MB each.</summary>
    public static PromptInput New() => new()
    {
        Id = Guid.NewGuid(), Required = true, MaxFileMegabytes = 500,
        AcceptedFiles = [FileKind.Video, FileKind.Image, FileKind.Pdf, FileKind.Document],
    };

    /// <summary>Only what applies to the kind is kept: file settings for files, word limits for a reflection.</summary>
    public EvidencePrompt ToPrompt()
    {
        var files = Kind == EvidenceKind.Files;
        var words = Kind == EvidenceKind.Reflection;
        return new EvidencePrompt(Id, Title?.Trim() ?? "", Instructions?.Trim() ?? "", Kind,
            files ? AcceptedFiles.Aggregate(FileKind.None, (all, k) => all | (k & FileKinds.All)) : FileKind.None,
            files && MaxFileMegabytes is { } mb ? (long)mb * CredentialInput.MegaByte : null,
            words ? MinWords : null, words ? MaxWords : null, Required);
    }
}

public sealed class RubricInput
{
    public List<LevelInput> Levels { get; set; } = [];
    public List<CriterionInput> Criteria { get; set; } = [];
    public PassingInput Passing { get; set; } = new();

    /// <summary>A level is blank when it has no name and no descriptor in its column.</summary>
    public bool IsBlank(LevelInput level) =>
        string.IsNullOrWhiteSpace(level.Name)
        && Criteria.All(c => c.Cells.Where(x => x.LevelId == level.Id).All(x => string.IsNullOrWhiteSpace(x.Descriptor)));

    public Rubric ToRubric(IReadOnlySet<Guid> promptIds)
    {
        var levels = CredentialInput.Unique(Levels, l => l.Id, (l, id) => l.Id = id).Select(l => new RubricLevel(l.Id, l.Name?.Trim() ?? "")).ToList();
        var levelIds = levels.Select(l => l.Id).ToHashSet();
        var criteria = CredentialInput.Unique(Criteria, c => c.Id, (c, id) => c.Id = id).Select(c => new RubricCriterion(
                c.Id, c.Title?.Trim() ?? "",
                c.Cells.Where(x => levelIds.Contains(x.LevelId) && !string.IsNullOrWhiteSpace(x.Descriptor))
                    .GroupBy(x => x.LevelId).ToDictionary(g => g.Key, g => g.First().Descriptor!.Trim()),
                // A link to a prompt that was removed in the same edit goes with the prompt.
                c.PromptIds.Where(promptIds.Contains).Distinct().ToList()))
            .ToList();
        var passing = Passing.MinimumLevelId is { } level ? new PassingRule(level, Passing.MinimumTotal) : null;
        return new Rubric(levels, criteria, passing);
    }
}

public sealed class LevelInput
{
    public Guid Id { get; set; }
    public string? Name { get; set; }
}

public sealed class CriterionInput
{
    public Guid Id { get; set; }
    public string? Title { get; set; }
    /// <summary>One descriptor per level, each carrying its level's id (so moving columns keeps them).</summary>
    public List<CellInput> Cells { get; set; } = [];
    public List<Guid> PromptIds { get; set; } = [];

    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && PromptIds.Count == 0 && Cells.All(c => string.IsNullOrWhiteSpace(c.Descriptor));

    public string DescriptorFor(Guid levelId) => Cells.FirstOrDefault(c => c.LevelId == levelId)?.Descriptor ?? "";
}

public sealed class CellInput
{
    public Guid LevelId { get; set; }
    public string? Descriptor { get; set; }
}

public sealed class PassingInput
{
    public Guid? MinimumLevelId { get; set; }
    public int? MinimumTotal { get; set; }
}

public sealed class AlignmentInput
{
    public string? Framework { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Url { get; set; }
    public string? Description { get; set; }

    public bool IsBlank => new[] { Framework, Code, Name, Url, Description }.All(string.IsNullOrWhiteSpace);
}
