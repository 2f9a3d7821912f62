namespace MicroCred.Domain.Design;

/// <summary>One point a reviewer confirms before a credential version is published, drawn from a CCSSO design principle.</summary>
public sealed record ReviewCheck(string Principle, string Name, string Question);

/// <summary>
/// The review before publishing (CCSSO design principles A–J, seed 004): the one place its checklist is written. A
/// reviewer confirms every point; the editor, the review page and the public page all read it from here.
/// </summary>
public static class PublishReview
{
    public static readonly IReadOnlyList<ReviewCheck> Checklist =
    [
        new("A", "Consistent", "Every category is there and filled in: competency, key method, research, resources, submission guidelines and rubric."),
        new("B", "Evidence-based", "The competency rests on high-quality, peer-reviewed research, and its citations say where to find it."),
        new("C", "Contextual", "The submission asks for evidence from the educator's own, authentic teaching context."),
        new("D", "Right-sized and -labeled", "It covers a substantive yet discrete skill, and its name describes that competency accurately."),
        new("E", "Resourced", "Its resources are relevant, evidence-based and publicly accessible, and enough to develop the competency."),
        new("F", "Demonstrable", "The evidence asked for shows the skill in practice, in real and varied circumstances (with students' work where it applies)."),
        new("G", "Reflection-oriented", "The educator is asked to reflect on their practice and on the evidence they submit."),
        new("H", "Clear and transparent", "The rubric gives detailed expectations for both the earner and the assessor."),
        new("I", "Validity-minded construction", "Every piece of evidence asked for is relevant to and consistent with the competency."),
        new("J", "Shareable", "Name, description, image and standards will read well as an Open Badge on another platform."),
    ];

    public const int MaxNoteLength = 2000;

    /// <summary>The principles of the checklist not among <paramref name="confirmed"/>, in order.</summary>
    public static IReadOnlyList<ReviewCheck> Unconfirmed(IEnumerable<string> confirmed)
    {
        var set = confirmed.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Checklist.Where(c => !set.Contains(c.Principle)).ToList();
    }
}
