using MicroCred.Domain.Design;

namespace MicroCred.Web.Pages.Shared;

/// <summary>
/// What <c>_CredentialView.cshtml</c> renders: a micro-credential as an earner reads it, in the consistent
/// categories (principle A) and the order of the public credential page: competency, key method, research,
/// resources, submission guidelines, rubric, standards, hours. The page around it supplies the context (a
/// preview banner, a "start earning" button).
/// </summary>
/// <param name="Content">The version's content.</param>
public sealed record CredentialViewModel(CredentialContent Content)
{
    /// <summary>Shown as "Version N" when set.</summary>
    public int? VersionNumber { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The second review before publishing (who approved the version, when), shown with the version when set.</summary>
    public MicroCred.Application.Features.Design.Approval? Approval { get; init; }

    /// <summary>The badge image to show beside the name; none when null.</summary>
    public string? ImageUrl { get; init; }

    /// <summary>The issuing district's name, shown under the title when set.</summary>
    public string? IssuerName { get; init; }

    /// <summary>Where an uploaded resource file can be opened, by its stored-file id; without it, a file is listed without a link.</summary>
    public Func<Guid, string>? FileUrl { get; init; }

    public string ValidityText => Content.ValidityMonths switch
    {
        null => "Never expires",
        12 => "1 year",
        var m when m % 12 == 0 => $"{m / 12} years",
        1 => "1 month",
        var m => $"{m} months",
    };

    public static string KindText(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Files => "Files",
        EvidenceKind.Reflection => "Written reflection",
        EvidenceKind.Link => "Link",
        _ => kind.ToString(),
    };

    public static string KindText(ResourceKind kind) => kind switch
    {
        ResourceKind.LessonPlan => "Lesson plan",
        _ => kind.ToString(),
    };

    /// <summary>"Every criterion at Proficient or above, and at least 8 of 12 points in total."</summary>
    public string PassingText
    {
        get
        {
            var rubric = Content.Rubric;
            if (rubric.PassingLevel is not { } level) return "The passing rule is not set yet.";
            var text = $"Every criterion at {level.Name} or above";
            if (rubric.Passing!.MinimumTotal is { } total)
                text += $", and at least {total} of {rubric.Criteria.Count * (rubric.Levels.Count - 1)} points in total";
            return text + ".";
        }
    }

    public string PromptTitle(Guid promptId) =>
        Content.Prompts.FirstOrDefault(p => p.Id == promptId)?.Title ?? "";

    /// <summary>Paragraphs of a long text, split on blank lines (single line breaks are kept by the stylesheet).</summary>
    public static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? "").Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
