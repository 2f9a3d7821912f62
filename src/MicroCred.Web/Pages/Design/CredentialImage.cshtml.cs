using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Design;

/// <summary>The badge image of a credential's draft: upload a PNG or SVG, or go back to the generated default.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = ImageUpload.RequestLimit)]
[RequestSizeLimit(ImageUpload.RequestLimit)]
public sealed class CredentialImageModel(ISender sender) : PageModel, IReloadable
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public ImageInput Input { get; set; } = new();

    public CredentialImageSettings Settings { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Settings = await sender.Send(new GetCredentialImageSettings(Id), ct);

    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        var (fileName, bytes) = await ImageUpload.ReadAsync(Input.Image, ct);
        var uploaded = await sender.Send(new UploadCredentialImage(Id, fileName, bytes), ct);
        TempData["Status"] = $"Badge image uploaded ({ImageUpload.Describe(uploaded)}).";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDefaultAsync(CancellationToken ct)
    {
        await sender.Send(new UseDefaultCredentialImage(Id), ct);
        TempData["Status"] = "The draft now uses the generated default badge.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostStartVersionAsync(CancellationToken ct)
    {
        await sender.Send(new StartNewVersion(Id), ct);
        TempData["Status"] = "A new draft version was started from the published one. Its image can now change.";
        return RedirectToPage();
    }

    public sealed class ImageInput
    {
        public IFormFile? Image { get; set; }
    }
}
