using Mediator;
using MicroCred.Application.Features.Evidence;
using MicroCred.Web.Endpoints;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Evidence;

public sealed class FileDetailsModel(ISender sender) : PageModel, IReloadable
{
    [FromRoute]
    public Guid Id { get; set; }

    public EvidenceFileDetails Details { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;
    public string FileUrl => EvidenceFileEndpoints.UrlOf(Slug, Details.Id);

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Details = await sender.Send(new GetEvidenceFile(Id), ct);

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        await sender.Send(new DeleteEvidenceFile(Id), ct);
        TempData["Status"] = "File deleted.";
        return RedirectToPage("/Evidence/Files");
    }
}
