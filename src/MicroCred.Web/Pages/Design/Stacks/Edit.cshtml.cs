using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Design.Stacks;

/// <summary>
/// Edits a stack: its fields and the order of its credentials (move up/down, remove, add, all without script: each
/// button saves the whole form with the change), its badge image, and publishing.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = ImageUpload.RequestLimit)]
[RequestSizeLimit(ImageUpload.RequestLimit)]
public sealed class EditModel(ISender sender) : PageModel, IReloadable
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public StackInput Input { get; set; } = new();

    /// <summary>The stack image upload (its own form; refusals are shown on this field).</summary>
    [BindProperty] public IFormFile? Image { get; set; }

    public StackEditor Stack { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;

    /// <summary>Names of the credentials in the order being edited (which may differ from the saved one after a refusal).</summary>
    public IReadOnlyList<StackMember> Members => Input.CredentialIds
        .Select(id => Stack.Credentials.FirstOrDefault(c => c.CredentialId == id)
            ?? new StackMember(id, Stack.Available.FirstOrDefault(a => a.CredentialId == id)?.Name ?? "A micro-credential", false))
        .ToList();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        Input = new StackInput
        {
            Name = Stack.Name, Description = Stack.Description, Sequential = Stack.Sequential,
            CredentialIds = Stack.Credentials.Select(c => c.CredentialId).ToList(),
        };
    }

    public async Task ReloadAsync(CancellationToken ct) => Stack = await sender.Send(new GetStackForEditing(Id), ct);

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SaveAsync("Stack saved.", ct);

    public Task<IActionResult> OnPostMoveAsync(int index, string direction, CancellationToken ct)
    {
        var target = direction == "up" ? index - 1 : index + 1;
        if (index < 0 || index >= Input.CredentialIds.Count || target < 0 || target >= Input.CredentialIds.Count)
            return SaveAsync("Stack saved.", ct);
        (Input.CredentialIds[index], Input.CredentialIds[target]) = (Input.CredentialIds[target], Input.CredentialIds[index]);
        return SaveAsync($"Moved to position {target + 1}.", ct, Input.CredentialIds[target]);
    }

    public Task<IActionResult> OnPostRemoveAsync(int index, CancellationToken ct)
    {
        if (index >= 0 && index < Input.CredentialIds.Count) Input.CredentialIds.RemoveAt(index);
        return SaveAsync("Removed from the stack.", ct);
    }

    public Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        if (Input.Add is { } add && !Input.CredentialIds.Contains(add)) Input.CredentialIds.Add(add);
        return SaveAsync("Added to the end of the stack.", ct, Input.Add);
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        await ResetInputAsync(ct);
        await sender.Send(new PublishStack(Id), ct);
        TempData["Status"] = "Stack published: it now appears in the catalog.";
        return Redirect($"/{Slug}/design/stacks/{Id}");
    }

    public async Task<IActionResult> OnPostUploadImageAsync(CancellationToken ct)
    {
        await ResetInputAsync(ct);
        var (fileName, bytes) = await ImageUpload.ReadAsync(Image, ct);
        var uploaded = await sender.Send(new UploadStackImage(Id, fileName, bytes), ct);
        TempData["Status"] = $"Stack image uploaded ({ImageUpload.Describe(uploaded)}).";
        return Redirect($"/{Slug}/design/stacks/{Id}#image-heading");
    }

    public async Task<IActionResult> OnPostDefaultImageAsync(CancellationToken ct)
    {
        await ResetInputAsync(ct);
        await sender.Send(new UseDefaultStackImage(Id), ct);
        TempData["Status"] = "The stack now uses the generated default badge.";
        return Redirect($"/{Slug}/design/stacks/{Id}#image-heading");
    }

    private async Task<IActionResult> SaveAsync(string status, CancellationToken ct, Guid? focus = null)
    {
        await sender.Send(new UpdateStack(Id, Input.Name, Input.Description ?? "", Input.Sequential, Input.CredentialIds), ct);
        TempData["Status"] = status;
        return Redirect($"/{Slug}/design/stacks/{Id}" + (focus is { } f ? $"#credential-{f}" : ""));
    }

    /// <summary>Forms other than the main one do not post its fields: show the saved values if they are refused.</summary>
    private async Task ResetInputAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        Input = new StackInput
        {
            Name = Stack.Name, Description = Stack.Description, Sequential = Stack.Sequential,
            CredentialIds = Stack.Credentials.Select(c => c.CredentialId).ToList(),
        };
    }

    public sealed class StackInput
    {
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public bool Sequential { get; set; }
        public List<Guid> CredentialIds { get; set; } = [];
        /// <summary>A credential to add at the end.</summary>
        public Guid? Add { get; set; }
    }
}
