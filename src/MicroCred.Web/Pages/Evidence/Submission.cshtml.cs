using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Evidence;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Web.Endpoints;
using MicroCred.Web.Infrastructure;
using MicroCred.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MicroCred.Web.Pages.Evidence;

/// <summary>
/// The earner's evidence page: one section per prompt of the version they started on (reflection with word count and
/// autosave, links, files), the completeness check, submit / withdraw, the status timeline and their attempts.
/// </summary>
public sealed class SubmissionModel(ISender sender, IOptions<Application.Evidence.UploadOptions> uploads) : PageModel, IReloadable
{
    [FromRoute]
    public Guid SubmissionId { get; set; }

    [BindProperty]
    public EvidenceInput Input { get; set; } = new();

    public MySubmission Work { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;

    public string FileUrl(Guid fileId) => EvidenceFileEndpoints.UrlOf(Slug, fileId);

    /// <summary>Did this post concern <paramref name="prompt"/>? Then its fields show what was typed and the messages.</summary>
    public bool IsPosted(PromptWork prompt) => Request.Method == HttpMethods.Post && Input.PromptId == prompt.Prompt.Id;

    public EvidenceUploader UploaderFor(PromptWork work, Guid? replaces = null)
    {
        var p = work.Prompt;
        var max = Math.Min(p.MaxFileBytes ?? uploads.Value.MaxBytes, uploads.Value.MaxBytes);
        return new EvidenceUploader(PromptUploadPolicy.Name, p.Id, replaces is null ? $"Upload a file for “{p.Title}”" : "Choose the new file")
        {
            Id = replaces is { } r ? $"replace-{r}" : $"upload-{p.Id}",
            Hint = $"{Capitalised(p.AcceptedFiles.Describe())} ({p.AcceptedFiles.FormatList()}), up to {FileSizes.Describe(max)}.",
            Accept = AcceptOf(p.AcceptedFiles),
        };
    }

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Work = await sender.Send(new GetMySubmission(SubmissionId), ct);

    public async Task<IActionResult> OnPostReflectionAsync(CancellationToken ct)
    {
        var saved = await sender.Send(new SaveReflection(SubmissionId, Input.PromptId, Input.Text), ct);
        TempData["Status"] = saved.Warning is null ? "Your reflection is saved." : $"Your reflection is saved. {saved.Warning}";
        return Back(Input.PromptId);
    }

    /// <summary>The page's script saves as the teacher types: JSON in, JSON out, a refusal as 422 with its message.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct)
    {
        try
        {
            var saved = await sender.Send(new SaveReflection(SubmissionId, Input.PromptId, Input.Text), ct);
            return new JsonResult(new { words = saved.Words, savedAt = saved.SavedAt, warning = saved.Warning });
        }
        catch (Exception e) when (Refusal(e) is { } message)
        {
            return new JsonResult(new { error = message }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }
    }

    public async Task<IActionResult> OnPostLinkAsync(CancellationToken ct)
    {
        await sender.Send(new AddLink(SubmissionId, Input.PromptId, Input.Url, Input.Title), ct);
        TempData["Status"] = "Link added.";
        return Back(Input.PromptId);
    }

    /// <summary>The uploader stored a file: the page's script attaches it to the prompt (JSON, a refusal as 422).</summary>
    public async Task<IActionResult> OnPostAttachAsync(CancellationToken ct)
    {
        try
        {
            var itemId = await sender.Send(new AttachEvidenceFile(SubmissionId, Input.PromptId, Input.FileId ?? Guid.Empty, Input.ReplacesItemId), ct);
            return new JsonResult(new { itemId });
        }
        catch (Exception e) when (Refusal(e) is { } message)
        {
            return new JsonResult(new { error = message }) { StatusCode = StatusCodes.Status422UnprocessableEntity };
        }
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid itemId, CancellationToken ct)
    {
        await sender.Send(new RemoveEvidence(SubmissionId, itemId), ct);
        TempData["Status"] = "Removed.";
        return Back(Input.PromptId);
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        await sender.Send(new SubmitForAssessment(SubmissionId), ct);
        TempData["Status"] = "Submitted. Your evidence is locked while it is assessed; we emailed you a confirmation.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        await sender.Send(new WithdrawSubmission(SubmissionId), ct);
        TempData["Status"] = "Withdrawn. Your submission is a draft again: change what you need, then submit it again.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostNextAttemptAsync(CancellationToken ct)
    {
        var next = await sender.Send(new StartNextAttempt(SubmissionId), ct);
        TempData["Status"] = "Your next attempt starts from the evidence of the last one. Change what the feedback asks for, then submit.";
        return RedirectToPage(new { submissionId = next });
    }

    public async Task<IActionResult> OnPostShareAsync(bool makePublic, CancellationToken ct)
    {
        await sender.Send(new ShareEvidence(SubmissionId, makePublic), ct);
        TempData["Status"] = makePublic ? "Your evidence is now public: your badge links to it." : "Your evidence is private again.";
        return RedirectToPage();
    }

    private RedirectToPageResult Back(Guid promptId) => RedirectToPage(null, null, new { submissionId = SubmissionId }, promptId == Guid.Empty ? null : $"prompt-{promptId}");

    private static string? Refusal(Exception e) => e switch
    {
        ValidationFailedException v => string.Join(" ", v.Errors.Select(x => x.Message)),
        DomainException d => d.Message,
        _ => null,
    };

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The file picker's filter (a convenience: the server checks every file's content).</summary>
    public static string AcceptOf(FileKind kinds) => string.Join(",", kinds.Split().Select(k => k switch
    {
        FileKind.Video => "video/*,.mp4,.mov,.webm",
        FileKind.Audio => "audio/*,.mp3,.m4a,.wav,.ogg",
        FileKind.Image => "image/*",
        FileKind.Pdf => ".pdf,application/pdf",
        FileKind.Document => ".docx,.xlsx,.pptx,.odt,.ods,.odp,.rtf",
        _ => ".txt,text/plain",
    }));
}

public sealed class EvidenceInput
{
    public Guid PromptId { get; set; }
    public string? Text { get; set; }
    public string? Url { get; set; }
    public string? Title { get; set; }
    public Guid? FileId { get; set; }
    public Guid? ReplacesItemId { get; set; }
}
