using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// Saves the earner's reflection for one prompt, as they type (autosave) or with the Save button. Any length up to
/// <see cref="Submission.MaxReflectionCharacters"/> is kept, so nothing typed is lost; word limits are reported
/// back here and enforced when submitting.
/// </summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record SaveReflection(Guid SubmissionId, Guid PromptId, [property: NotAudited] string? Text) : ICommand<ReflectionSaved>;

/// <param name="Warning">Said next to the reflection when it is outside the prompt's word limits (it is saved all the same).</param>
public sealed record ReflectionSaved(int Words, DateTimeOffset SavedAt, string? Warning);

public sealed class SaveReflectionValidator : AbstractValidator<SaveReflection>
{
    public SaveReflectionValidator() =>
        RuleFor(c => c.Text).MaximumLength(Submission.MaxReflectionCharacters)
            .WithMessage($"A reflection can be at most {Submission.MaxReflectionCharacters:N0} characters. Shorten it, or keep the rest in a document you upload.");
}

public sealed class SaveReflectionHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SaveReflection, ReflectionSaved>
{
    public async ValueTask<ReflectionSaved> Handle(SaveReflection command, CancellationToken ct)
    {
        var submission = await db.MySubmissionAsync(command.SubmissionId, user.Id, ct);
        var prompt = (await db.SubmissionVersionAsync(submission, ct)).Prompt(command.PromptId);
        var text = command.Text ?? "";
        var existing = submission.Items.FirstOrDefault(i => i.PromptId == prompt.Id && i.Kind == EvidenceItemKind.Text);
        // The same text again (a second autosave, a reload): nothing changes, nothing to record.
        if (existing?.Text != text || !submission.IsEditable)
        {
            submission.WriteReflection(prompt, text, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        var words = Submission.WordCount(text);
        var warning = prompt.MaxWords is { } max && words > max ? $"{words} words: \"{prompt.Title}\" allows at most {max}. Your text is saved; shorten it before you submit."
            : prompt.MinWords is { } min && words > 0 && words < min ? $"{words} words: \"{prompt.Title}\" needs at least {min} before you submit."
            : null;
        return new ReflectionSaved(words, submission.UpdatedAt, warning);
    }
}
