using Mediator;
using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Assessment;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Admin;

/// <summary>
/// One anchor: edit an existing one (<c>?anchor=</c>), mark scored work as one (<c>?submission=</c>, levels proposed
/// from its final score) or write one from scratch (<c>?credential=</c>).
/// </summary>
public sealed class AnchorModel(ISender sender) : PageModel, IReloadable
{
    [FromQuery(Name = "anchor")]
    public Guid? AnchorId { get; set; }

    [FromQuery(Name = "submission")]
    public Guid? SubmissionId { get; set; }

    [FromQuery(Name = "credential")]
    public Guid? CredentialId { get; set; }

    [BindProperty]
    public AnchorInput Input { get; set; } = new();

    public AnchorEditor Editor { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (AnchorId is null && SubmissionId is null && CredentialId is null) return NotFound();
        await ReloadAsync(ct);
        Input = new AnchorInput { Label = Editor.Label, Rationale = Editor.Rationale, KnownLevels = Editor.Levels.ToDictionary() };
        return Page();
    }

    public async Task ReloadAsync(CancellationToken ct) => Editor = await sender.Send(new GetAnchorEditor(AnchorId, SubmissionId, CredentialId), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Guid credential;
        if (AnchorId is { } anchorId)
        {
            await sender.Send(new ChangeAnchor(anchorId, Input.KnownLevels, Input.Rationale), ct);
            credential = (await sender.Send(new GetAnchorEditor(anchorId, null, null), ct)).CredentialId;
        }
        else if (SubmissionId is { } submissionId)
        {
            var id = await sender.Send(new MarkAnchor(submissionId, Input.Label, Input.KnownLevels, Input.Rationale), ct);
            credential = (await sender.Send(new GetAnchorEditor(id, null, null), ct)).CredentialId;
        }
        else if (CredentialId is { } credentialId)
        {
            await sender.Send(new WriteAnchor(credentialId, Input.Label, Input.Evidence.Select(e => new AnchorEvidence(e.Key, e.Value ?? "")).ToList(),
                Input.KnownLevels, Input.Rationale), ct);
            credential = credentialId;
        }
        else return NotFound();
        TempData["Status"] = "Anchor saved.";
        return RedirectToPage("Anchors", new { district = RouteData.Values["district"], credential });
    }

    public sealed class AnchorInput
    {
        public string Label { get; set; } = "";
        public string? Rationale { get; set; }
        /// <summary>Known level per criterion id.</summary>
        public Dictionary<Guid, Guid> KnownLevels { get; set; } = [];
        /// <summary>Written evidence per prompt id (anchors written from scratch).</summary>
        public Dictionary<Guid, string?> Evidence { get; set; } = [];
    }
}
