using Mediator;
using MicroCred.Application.Evidence;
using MicroCred.Application.Features.Evidence;
using MicroCred.Domain.Evidence;
using MicroCred.Web.Infrastructure;
using MicroCred.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MicroCred.Web.Pages.Evidence;

public sealed class FilesModel(ISender sender, IOptions<UploadOptions> options) : PageModel, IReloadable
{
    public IReadOnlyList<EvidenceFileRow> Files { get; private set; } = [];
    public string Slug => HttpContext.District()!.Slug;

    public EvidenceUploader Uploader => new(LibraryUploadPolicy.Name, Label: "Choose a file")
    {
        Hint = $"A video, audio recording, image, PDF, document or text file, up to {FileSizes.Describe(options.Value.MaxBytes)}.",
    };

    public string GraceInWords => options.Value.UnattachedGrace.TotalDays is var days and >= 1 ? $"{days:0} days" : $"{options.Value.UnattachedGrace.TotalHours:0} hours";

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Files = await sender.Send(new ListMyEvidenceFiles(), ct);

    public async Task<IActionResult> OnPostDeleteAsync(Guid fileId, CancellationToken ct)
    {
        await sender.Send(new DeleteEvidenceFile(fileId), ct);
        TempData["Status"] = "File deleted.";
        return RedirectToPage();
    }
}
