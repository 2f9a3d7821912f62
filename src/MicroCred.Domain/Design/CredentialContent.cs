using MicroCred.Domain.Evidence;
using MicroCred.Domain.Common;

namespace MicroCred.Domain.Design;

/// <summary>What an earner submits for one prompt.</summary>
public enum EvidenceKind { Files, Reflection, Link }

public enum ResourceKind { Video, Article, LessonPlan, Activity, Other }

/// <summary>One item of the submission guidelines (principle H: earners know exactly what will be judged).</summary>
public sealed record EvidencePrompt(
    Guid Id, string Title, string Instructions, EvidenceKind Kind, FileKind AcceptedFiles,
    long? MaxFileBytes, int? MinWords, int? MaxWords, bool Required);

/// <summary>A source of the research (principle B): the reference, an optional link and DOI, and whether it was peer-reviewed.</summary>
public sealed record Citation(string Text, string? Url, string? Doi = null, bool PeerReviewed = false)
{
    /// <summary>A DOI as "10.prefix/suffix": the form every DOI resolver takes.</summary>
    private static readonly System.Text.RegularExpressions.Regex DoiPattern = new(@"^10\.\d{4,9}/\S+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>"https://doi.org/10.1/x", "doi:10.1/x" and "10.1/x" all mean the DOI "10.1/x"; anything else is kept as typed (and refused).</summary>
    public static string? NormaliseDoi(string? value)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v)) return null;
        foreach (var prefix in new[] { "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:" })
            if (v.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return v[prefix.Length..].Trim();
        return v;
    }

    public static bool IsDoi(string? value) => value is null || (value.Length <= 300 && DoiPattern.IsMatch(value));

    /// <summary>Where a DOI resolves (a method, not a property: the content is stored as JSON).</summary>
    public static string DoiLink(string doi) => $"https://doi.org/{doi}";
}

/// <summary>A "lesson": a titled link or an uploaded file (by its stored-file id).</summary>
public sealed record Resource(Guid Id, string Title, ResourceKind Kind, string? Url, Guid? FileId, string? Description);

/// <summary>Standards alignment, as Open Badges' AlignmentObject: framework, code, name, URL, description.</summary>
public sealed record Alignment(string Framework, string? Code, string Name, string? Url, string? Description);

/// <summary>
/// Everything a version of a micro-credential says, in the consistent categories of principle A. Stored as one
/// document per version, so a published version is immutable as a whole and a submission is always judged
/// against exactly the words it started on.
/// </summary>
public sealed record CredentialContent(
    string Name,
    string? ShortDescription,
    string? Competency,
    string? KeyMethod,
    IReadOnlyList<string> KeyMethodComponents,
    string? Research,
    IReadOnlyList<Citation> Citations,
    IReadOnlyList<Resource> Resources,
    IReadOnlyList<EvidencePrompt> Prompts,
    Rubric Rubric,
    IReadOnlyList<Alignment> Alignments,
    decimal? EstimatedHours,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> GradeBands,
    IReadOnlyList<string> Subjects,
    int? ValidityMonths)
{
    // The limits of a draft, in one place: Validate enforces them and SaveCredentialDraft's validator reports them per field.
    public const int MaxShortText = 200;
    public const int MaxLongText = 20_000;
    public const int MaxShortDescription = 500;
    public const int MaxComponents = 30;
    public const int MaxComponentText = 1000;
    public const int MaxCitations = 50;
    public const int MaxResources = 50;
    public const int MaxPrompts = 20;
    public const int MaxAlignments = 30;
    public const int MaxItemText = 2000;
    public const int MaxInstructions = 5000;
    public const int MaxStandardCode = 100;
    public const int MaxStandardName = 500;
    public const decimal MaxEstimatedHours = 1000;
    public const int MaxValidityMonths = 240;
    public const int MaxListEntries = 20;
    public const int MaxListEntryLength = 60;

    /// <summary>A new draft: just a name and the district's rubric levels.</summary>
    public static CredentialContent Blank(string name, IReadOnlyList<string> levelNames) =>
        new(name, null, null, null, [], null, [], [], [], Rubric.WithLevels(levelNames), [], null, [], [], [], null);

    /// <summary>Checks shape and sizes (what any draft must respect). Completeness is checked only when publishing.</summary>
    public void Validate()
    {
        Text(Name, nameof(Name), "Name", MaxShortText, required: true);
        Text(ShortDescription, nameof(ShortDescription), "Short description", MaxShortDescription);
        Text(Competency, nameof(Competency), "Competency statement", MaxLongText);
        Text(KeyMethod, nameof(KeyMethod), "Key method", MaxLongText);
        Text(Research, nameof(Research), "Research and rationale", MaxLongText);
        if (KeyMethodComponents.Count > MaxComponents) throw new DomainException($"Keep the key method to at most {MaxComponents} components.", nameof(KeyMethodComponents));
        foreach (var c in KeyMethodComponents) Text(c, nameof(KeyMethodComponents), "A key method component", MaxComponentText);
        if (Citations.Count > MaxCitations) throw new DomainException($"Keep to at most {MaxCitations} citations.", nameof(Citations));
        foreach (var c in Citations)
        {
            Text(c.Text, nameof(Citations), "A citation", MaxItemText, required: true);
            Url(c.Url, nameof(Citations), "A citation's link");
            if (!Citation.IsDoi(c.Doi)) throw new DomainException("A citation's DOI looks like 10.1234/abc (or https://doi.org/10.1234/abc).", nameof(Citations));
        }
        if (Resources.Count > MaxResources) throw new DomainException($"Keep to at most {MaxResources} resources.", nameof(Resources));
        foreach (var r in Resources)
        {
            Text(r.Title, nameof(Resources), "A resource's title", MaxShortText, required: true);
            Url(r.Url, nameof(Resources), "A resource's link");
            Text(r.Description, nameof(Resources), "A resource's description", MaxItemText);
        }
        if (Prompts.Count > MaxPrompts) throw new DomainException($"Keep the submission guidelines to at most {MaxPrompts} evidence prompts.", nameof(Prompts));
        if (Prompts.Select(p => p.Id).Distinct().Count() != Prompts.Count) throw new DomainException("Evidence prompts must be distinct.", nameof(Prompts));
        foreach (var p in Prompts)
        {
            Text(p.Title, nameof(Prompts), "An evidence prompt's title", MaxShortText, required: true);
            Text(p.Instructions, nameof(Prompts), "An evidence prompt's instructions", MaxInstructions);
            if (p.MaxFileBytes is <= 0) throw new DomainException($"\"{p.Title}\": the file size limit must be positive.", nameof(Prompts));
            if (p.MinWords is < 0 || p.MaxWords is <= 0) throw new DomainException($"\"{p.Title}\": word limits must be positive.", nameof(Prompts));
            if (p.MinWords is { } min && p.MaxWords is { } max && min > max)
                throw new DomainException($"\"{p.Title}\": the minimum word count is above the maximum.", nameof(Prompts));
            if (p.Kind == EvidenceKind.Files && p.AcceptedFiles == FileKind.None)
                throw new DomainException($"\"{p.Title}\": choose at least one kind of file.", nameof(Prompts));
        }
        Rubric.Validate(Prompts.Select(p => p.Id).ToHashSet());
        if (Alignments.Count > MaxAlignments) throw new DomainException($"Keep to at most {MaxAlignments} standards.", nameof(Alignments));
        foreach (var a in Alignments)
        {
            Text(a.Framework, nameof(Alignments), "A standard's framework", MaxShortText, required: true);
            Text(a.Code, nameof(Alignments), "A standard's code", MaxStandardCode);
            Text(a.Name, nameof(Alignments), "A standard's name", MaxStandardName, required: true);
            Url(a.Url, nameof(Alignments), "A standard's link");
            Text(a.Description, nameof(Alignments), "A standard's description", MaxItemText);
        }
        if (EstimatedHours is < 0 or > MaxEstimatedHours) throw new DomainException($"Estimated hours must be between 0 and {MaxEstimatedHours}.", nameof(EstimatedHours));
        if (ValidityMonths is <= 0 or > MaxValidityMonths) throw new DomainException($"A validity period is 1 to {MaxValidityMonths} months, or leave it empty for never expires.", nameof(ValidityMonths));
        foreach (var list in new[] { (Tags, nameof(Tags)), (GradeBands, nameof(GradeBands)), (Subjects, nameof(Subjects)) })
        {
            if (list.Item1.Count > MaxListEntries) throw new DomainException($"Keep each list to at most {MaxListEntries} entries.", list.Item2);
            foreach (var t in list.Item1) Text(t, list.Item2, "An entry", MaxListEntryLength, required: true);
        }
    }

    /// <summary>
    /// The publish quality gate: every category filled in, at least one evidence prompt, a complete rubric with a
    /// passing rule. Returns what is missing, in the order of the credential page; empty means publishable.
    /// </summary>
    public IReadOnlyList<string> ProblemsBeforePublishing()
    {
        var problems = new List<string>();
        void Require(string? value, string what) { if (string.IsNullOrWhiteSpace(value)) problems.Add(what); }
        Require(ShortDescription, "Write a short description.");
        Require(Competency, "Write the competency statement.");
        Require(KeyMethod, "Describe the key method.");
        if (KeyMethodComponents.Count == 0) problems.Add("List at least one component of the key method.");
        Require(Research, "Write the research and rationale.");
        if (Citations.Count == 0) problems.Add("Cite at least one source in the research.");
        if (Resources.Count == 0) problems.Add("Add at least one resource (a link or a file) for earners to learn from.");
        foreach (var r in Resources.Where(r => string.IsNullOrWhiteSpace(r.Url) && r.FileId is null))
            problems.Add($"Give the resource \"{r.Title}\" its web address.");
        if (Prompts.Count == 0) problems.Add("Add at least one evidence prompt to the submission guidelines.");
        if (Prompts.Count > 0 && !Prompts.Any(p => p.Required)) problems.Add("Make at least one evidence prompt required.");
        foreach (var p in Prompts.Where(p => string.IsNullOrWhiteSpace(p.Instructions)))
            problems.Add($"Write instructions for the evidence prompt \"{p.Title}\".");
        problems.AddRange(Rubric.ProblemsBeforePublishing(Prompts));
        if (Alignments.Count == 0) problems.Add("Align the credential to at least one standard.");
        if (EstimatedHours is null or 0) problems.Add("Estimate the hours it takes to earn.");
        return problems;
    }

    private static void Text(string? value, string field, string label, int max, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(value)) throw new DomainException($"{label} is required.", field);
        if (value is { Length: var length } && length > max) throw new DomainException($"{label} must be at most {max} characters.", field);
    }

    private static void Url(string? value, string field, string label)
    {
        if (!WebAddress.IsEmptyOrHttp(value))
            throw new DomainException($"{label} must be a web address starting with http:// or https://.", field);
    }
}
