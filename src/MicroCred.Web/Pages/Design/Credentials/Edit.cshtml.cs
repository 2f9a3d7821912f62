using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Design;
using MicroCred.Web.Infrastructure;
using MicroCred.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Design.Credentials;

/// <summary>
/// The credential editor: one form for the draft, the publish checklist beside it, and the version actions
/// (publish, new version, retire, reinstate, discard). A published credential without a draft is shown as it is.
/// </summary>
public sealed class EditModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty]
    public CredentialInput Input { get; set; } = new();

    [FromRoute]
    public Guid Id { get; set; }

    public CredentialEditor Editor { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;
    public string WorkspacePath => $"/{Slug}/design";
    public string EditorPath => $"/{Slug}/design/credentials/{Id}";

    /// <summary>The draft is edited; without one, the published version is read.</summary>
    public bool Editing => Editor.HasDraft;

    /// <summary>The form was posted: a refusal shows what was typed, not what is saved.</summary>
    private bool posted;
    /// <summary>...exactly as posted, because some value could not even be read.</summary>
    private bool asPosted;
    private bool prepared;

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct)
    {
        Editor = await sender.Send(new GetCredentialForEditing(Id), ct);
        if (!posted) Input = CredentialInput.From(Editor.Content);
        if (Editing && !asPosted) PrepareForm();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        if (!await SaveAsync(ct)) return Page();
        TempData["Status"] = "Draft saved.";
        return Redirect(EditorPath);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (!await SaveAsync(ct)) return Page();
        return Redirect($"{EditorPath}/preview");
    }

    /// <summary>Saves what is on the form, then publishes it through the quality gate.</summary>
    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (!await SaveAsync(ct)) return Page();
        var published = await sender.Send(new PublishCredential(Id), ct);
        var editor = await sender.Send(new GetCredentialForEditing(Id), ct);
        TempData["Status"] = $"Published version {editor.Number}. New earners get this version; work already started stays on its own.";
        if (published.QualifiedAssessors == 0)
        {
            TempData["Warning"] = "Nobody is qualified to assess this micro-credential yet, so submitted work would wait. An Admin qualifies assessors:";
            TempData["WarningLink"] = $"/{Slug}/assessment/admin/qualifications?credential={Id}";
            TempData["WarningLinkText"] = "qualify an assessor";
        }
        return Redirect(EditorPath);
    }

    public async Task<IActionResult> OnPostNewVersionAsync(CancellationToken ct)
    {
        await sender.Send(new StartNewVersion(Id), ct);
        TempData["Status"] = "A new draft version was started from the published one. The published version stays as it is until you publish this one.";
        return Redirect(EditorPath);
    }

    public async Task<IActionResult> OnPostRetireAsync(CancellationToken ct)
    {
        await sender.Send(new RetireCredential(Id), ct);
        TempData["Status"] = "Retired: it no longer appears in the catalog. Badges already earned and work in progress are not affected.";
        return Redirect(EditorPath);
    }

    public async Task<IActionResult> OnPostReinstateAsync(CancellationToken ct)
    {
        await sender.Send(new ReinstateCredential(Id), ct);
        TempData["Status"] = "Reinstated: it is back in the catalog.";
        return Redirect(EditorPath);
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        var editor = await sender.Send(new GetCredentialForEditing(Id), ct);
        await sender.Send(new DiscardDraft(Id), ct);
        if (editor.PublishedVersionId is null)
        {
            TempData["Status"] = $"The draft \"{editor.Content.Name}\" was discarded.";
            return Redirect(WorkspacePath);
        }
        TempData["Status"] = $"Draft version {editor.Number} was discarded; the published version is unchanged.";
        return Redirect(EditorPath);
    }

    /// <summary>
    /// Sends the form as the draft. Blank rows are dropped first and the posted values forgotten, so that the
    /// form re-rendered after a refusal shows the same rows, in the same positions, as the messages refer to.
    /// </summary>
    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        posted = true;
        if (!ModelState.IsValid)
        {
            // A value that could not be read at all (only a hand-made request sends one): show the form as posted.
            asPosted = true;
            await ReloadAsync(ct);
            return false;
        }
        Input.DropBlankRows();
        ModelState.Clear();
        await sender.Send(new SaveCredentialDraft(Id, Input.ToContent()), ct);
        return true;
    }

    /// <summary>Spare rows for adding without JavaScript, and rubric cells in the order of the levels.</summary>
    private void PrepareForm()
    {
        if (prepared) return;
        prepared = true;
        Input.AddSpareRows();
        foreach (var criterion in Input.Rubric.Criteria)
            criterion.Cells = Input.Rubric.Levels.Select(l => new CellInput { LevelId = l.Id, Descriptor = criterion.DescriptorFor(l.Id) }).ToList();
    }

    public CredentialViewModel View => new(Editor.Content)
    {
        VersionNumber = Editor.Number,
        PublishedAt = Editor.History.FirstOrDefault(v => v.Id == Editor.VersionId)?.PublishedAt,
    };

    public IEnumerable<StandardsFramework> Frameworks => Editor.Frameworks;

    public static string StatusOf(VersionStatus status) => status switch
    {
        VersionStatus.Draft => "Draft",
        VersionStatus.Published => "Published",
        VersionStatus.Superseded => "Superseded",
        VersionStatus.Retired => "Retired",
        _ => status.ToString(),
    };
}
