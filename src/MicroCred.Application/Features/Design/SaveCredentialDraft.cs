using MicroCred.Domain.Common;
using MicroCred.Domain.Evidence;
using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using Microsoft.EntityFrameworkCore;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// Saves the whole draft as the developer last saw it. Drafts may be incomplete; the domain checks sizes and
/// consistency (a criterion cannot judge a deleted prompt), the publish gate checks completeness.
/// </summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record SaveCredentialDraft(Guid CredentialId, CredentialContent Content) : ICommand;

/// <summary>
/// Every shape problem of a draft at once, each on its own field, named like the content with its position
/// ("Prompts[1].Title", "Rubric.Levels[0].Name") and worded with the row a person sees ("Evidence prompt 2").
/// The domain checks the same limits again (it is the authority); this only makes the answer complete and precise.
/// </summary>
public sealed class SaveCredentialDraftValidator : AbstractValidator<SaveCredentialDraft>
{
    public SaveCredentialDraftValidator() => RuleFor(c => c.Content).NotNull().Custom((content, context) =>
    {
        if (content is null) return;
        foreach (var (field, message) in CredentialContentProblems.Of(content)) context.AddFailure(field, message);
    });
}

internal static class CredentialContentProblems
{
    public static IEnumerable<(string Field, string Message)> Of(CredentialContent c)
    {
        if (string.IsNullOrWhiteSpace(c.Name)) yield return ("Name", "Give the micro-credential a name.");
        foreach (var p in TooLong(c.Name, "Name", "The name", CredentialContent.MaxShortText)) yield return p;
        foreach (var p in TooLong(c.ShortDescription, "ShortDescription", "The short description", CredentialContent.MaxShortDescription)) yield return p;
        foreach (var p in TooLong(c.Competency, "Competency", "The competency statement", CredentialContent.MaxLongText)) yield return p;
        foreach (var p in TooLong(c.KeyMethod, "KeyMethod", "The key method", CredentialContent.MaxLongText)) yield return p;
        foreach (var p in TooLong(c.Research, "Research", "The research and rationale", CredentialContent.MaxLongText)) yield return p;

        if (c.KeyMethodComponents.Count > CredentialContent.MaxComponents) yield return ("KeyMethodComponents", $"Keep the key method to at most {CredentialContent.MaxComponents} components.");
        for (var i = 0; i < c.KeyMethodComponents.Count; i++)
            foreach (var p in TooLong(c.KeyMethodComponents[i], $"KeyMethodComponents[{i}]", $"Component {i + 1}", CredentialContent.MaxComponentText)) yield return p;

        if (c.Citations.Count > CredentialContent.MaxCitations) yield return ("Citations", $"Keep to at most {CredentialContent.MaxCitations} citations.");
        for (var i = 0; i < c.Citations.Count; i++)
        {
            var at = $"Citations[{i}]";
            if (string.IsNullOrWhiteSpace(c.Citations[i].Text)) yield return ($"{at}.Text", $"Citation {i + 1}: write the reference.");
            foreach (var p in TooLong(c.Citations[i].Text, $"{at}.Text", $"Citation {i + 1}", CredentialContent.MaxItemText)) yield return p;
            foreach (var p in Link(c.Citations[i].Url, $"{at}.Url", $"Citation {i + 1}")) yield return p;
            if (!Citation.IsDoi(c.Citations[i].Doi)) yield return ($"{at}.Doi", $"Citation {i + 1}: a DOI looks like 10.1234/abc (or https://doi.org/10.1234/abc).");
        }

        if (c.Resources.Count > CredentialContent.MaxResources) yield return ("Resources", $"Keep to at most {CredentialContent.MaxResources} resources.");
        for (var i = 0; i < c.Resources.Count; i++)
        {
            var (r, at, label) = (c.Resources[i], $"Resources[{i}]", $"Resource {i + 1}");
            if (string.IsNullOrWhiteSpace(r.Title)) yield return ($"{at}.Title", $"{label}: give it a title.");
            foreach (var p in TooLong(r.Title, $"{at}.Title", $"{label}'s title", CredentialContent.MaxShortText)) yield return p;
            foreach (var p in Link(r.Url, $"{at}.Url", label)) yield return p;
            foreach (var p in TooLong(r.Description, $"{at}.Description", $"{label}'s description", CredentialContent.MaxItemText)) yield return p;
        }

        if (c.Prompts.Count > CredentialContent.MaxPrompts) yield return ("Prompts", $"Keep the submission guidelines to at most {CredentialContent.MaxPrompts} evidence prompts.");
        for (var i = 0; i < c.Prompts.Count; i++)
        {
            var (p, at, label) = (c.Prompts[i], $"Prompts[{i}]", $"Evidence prompt {i + 1}");
            if (string.IsNullOrWhiteSpace(p.Title)) yield return ($"{at}.Title", $"{label}: give it a title.");
            foreach (var e in TooLong(p.Title, $"{at}.Title", $"{label}'s title", CredentialContent.MaxShortText)) yield return e;
            foreach (var e in TooLong(p.Instructions, $"{at}.Instructions", $"{label}'s instructions", CredentialContent.MaxInstructions)) yield return e;
            if (p.Kind == EvidenceKind.Files && p.AcceptedFiles == FileKind.None)
                yield return ($"{at}.AcceptedFiles", $"{label}: choose at least one kind of file.");
            if (p.MaxFileBytes is <= 0) yield return ($"{at}.MaxFileBytes", $"{label}: the size limit per file must be more than 0.");
            if (p.MinWords is < 0) yield return ($"{at}.MinWords", $"{label}: the minimum word count cannot be negative.");
            if (p.MaxWords is <= 0) yield return ($"{at}.MaxWords", $"{label}: the maximum word count must be more than 0.");
            if (p.MinWords is { } min && p.MaxWords is { } max && min > max)
                yield return ($"{at}.MinWords", $"{label}: the minimum word count ({min}) is above the maximum ({max}).");
        }

        foreach (var problem in RubricProblems(c.Rubric, c.Prompts)) yield return problem;

        if (c.Alignments.Count > CredentialContent.MaxAlignments) yield return ("Alignments", $"Keep to at most {CredentialContent.MaxAlignments} standards.");
        for (var i = 0; i < c.Alignments.Count; i++)
        {
            var (a, at, label) = (c.Alignments[i], $"Alignments[{i}]", $"Standard {i + 1}");
            if (string.IsNullOrWhiteSpace(a.Framework)) yield return ($"{at}.Framework", $"{label}: name its framework (e.g. ISTE Standards for Educators).");
            if (string.IsNullOrWhiteSpace(a.Name)) yield return ($"{at}.Name", $"{label}: give the standard's name.");
            foreach (var e in TooLong(a.Framework, $"{at}.Framework", $"{label}'s framework", CredentialContent.MaxShortText)) yield return e;
            foreach (var e in TooLong(a.Code, $"{at}.Code", $"{label}'s code", CredentialContent.MaxStandardCode)) yield return e;
            foreach (var e in TooLong(a.Name, $"{at}.Name", $"{label}'s name", CredentialContent.MaxStandardName)) yield return e;
            foreach (var e in Link(a.Url, $"{at}.Url", label)) yield return e;
            foreach (var e in TooLong(a.Description, $"{at}.Description", $"{label}'s description", CredentialContent.MaxItemText)) yield return e;
        }

        if (c.EstimatedHours is < 0 or > CredentialContent.MaxEstimatedHours) yield return ("EstimatedHours", $"Estimated hours must be between 0 and {CredentialContent.MaxEstimatedHours}.");
        if (c.ValidityMonths is <= 0 or > CredentialContent.MaxValidityMonths) yield return ("ValidityMonths", $"A validity period is 1 to {CredentialContent.MaxValidityMonths} months (or choose \"never expires\").");
        foreach (var (list, field, label) in new[] { (c.Tags, "Tags", "tags"), (c.GradeBands, "GradeBands", "grade bands"), (c.Subjects, "Subjects", "subjects") })
        {
            if (list.Count > CredentialContent.MaxListEntries) yield return (field, $"Keep to at most {CredentialContent.MaxListEntries} {label}.");
            if (list.FirstOrDefault(t => t.Trim().Length > CredentialContent.MaxListEntryLength) is { } longOne)
                yield return (field, $"Keep each of the {label} to {CredentialContent.MaxListEntryLength} characters (\"{longOne[..20]}…\" is longer).");
        }
    }

    private static IEnumerable<(string, string)> RubricProblems(Rubric rubric, IReadOnlyList<EvidencePrompt> prompts)
    {
        if (rubric.Levels.Count is < Rubric.MinLevels or > Rubric.MaxLevels) yield return ("Rubric", $"A rubric has {Rubric.MinLevels} to {Rubric.MaxLevels} performance levels.");
        for (var j = 0; j < rubric.Levels.Count; j++)
        {
            var name = rubric.Levels[j].Name;
            if (string.IsNullOrWhiteSpace(name)) yield return ($"Rubric.Levels[{j}].Name", $"Performance level {j + 1}: give it a name.");
            else if (name.Length > Rubric.MaxLevelName) yield return ($"Rubric.Levels[{j}].Name", $"Performance level {j + 1}: keep the name to {Rubric.MaxLevelName} characters.");
        }
        if (rubric.Levels.Where(l => !string.IsNullOrWhiteSpace(l.Name)).GroupBy(l => l.Name.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            yield return ("Rubric", $"Two performance levels are called \"{twice.Key}\": give each level its own name.");
        if (rubric.Criteria.Count > Rubric.MaxCriteria) yield return ("Rubric", $"Keep the rubric to at most {Rubric.MaxCriteria} criteria.");
        var promptIds = prompts.Select(p => p.Id).ToHashSet();
        for (var i = 0; i < rubric.Criteria.Count; i++)
        {
            var (c, at, label) = (rubric.Criteria[i], $"Rubric.Criteria[{i}]", $"Criterion {i + 1}");
            if (string.IsNullOrWhiteSpace(c.Title)) yield return ($"{at}.Title", $"{label}: give it a title.");
            else if (c.Title.Length > Rubric.MaxCriterionTitle) yield return ($"{at}.Title", $"{label}: keep the title to {Rubric.MaxCriterionTitle} characters.");
            if (c.Descriptors.Values.Any(d => d.Length > Rubric.MaxDescriptor)) yield return (at, $"{label}: keep each descriptor to {Rubric.MaxDescriptor} characters.");
            if (c.PromptIds.Any(id => !promptIds.Contains(id))) yield return (at, $"{label} judges an evidence prompt that no longer exists.");
        }
        if (rubric.Passing is { } passing)
        {
            var maximum = rubric.Criteria.Count * (rubric.Levels.Count - 1);
            if (rubric.Levels.All(l => l.Id != passing.MinimumLevelId)) yield return ("Rubric.Passing.MinimumLevelId", "Choose the passing level from the rubric's levels.");
            if (passing.MinimumTotal is { } min && (min < 0 || min > maximum))
                yield return ("Rubric.Passing.MinimumTotal", $"The minimum total must be between 0 and {maximum} points ({rubric.Criteria.Count} criteria × {rubric.Levels.Count - 1} points at most).");
        }
    }

    private static IEnumerable<(string, string)> TooLong(string? value, string field, string label, int max)
    {
        if (value is { Length: var length } && length > max) yield return (field, $"{label} must be at most {max} characters (it has {length}).");
    }

    private static IEnumerable<(string, string)> Link(string? value, string field, string label)
    {
        if (!WebAddress.IsEmptyOrHttp(value))
            yield return (field, $"{label}: the link must be a web address starting with http:// or https://.");
    }
}

public sealed class SaveCredentialDraftHandler(AppDbContext db, TimeProvider clock, ICurrentUser user, EvidenceAttachments attachments) : ICommandHandler<SaveCredentialDraft>
{
    /// <summary>What an uploaded resource file is attached to (kept while the credential uses it, and public once published).</summary>
    public const string ResourceAttachment = "CredentialResource";

    public async ValueTask<Unit> Handle(SaveCredentialDraft command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var draft = await db.DraftAsync(credential, ct);
        // A resource file must be the developer's own upload (or one this credential already uses): a hidden field
        // naming someone's evidence file must never make it public.
        foreach (var fileId in command.Content.Resources.Select(r => r.FileId).OfType<Guid>().Distinct())
            if (!await db.StoredFiles.AnyAsync(f => f.Id == fileId && f.AttachedToType == ResourceAttachment && f.AttachedToId == credential.Id, ct))
            {
                try { await attachments.AttachAsync(fileId, ResourceAttachment, credential.Id, null, ct); }
                catch (NotFoundException) { throw new DomainException("A resource's file must be one of your own uploads.", nameof(CredentialContent.Resources)); }
            }
        draft.Revise(command.Content, clock.GetUtcNow(), user.Id);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
