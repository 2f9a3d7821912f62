using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Issuing.Import;

/// <summary>Bulk issuing: the Issuer uploads a CSV of badges earned outside the platform and gets a preview.</summary>
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
[RequestSizeLimit(RequestLimit)]
public sealed class IndexModel(ISender sender) : PageModel, IReloadable
{
    /// <summary>Files up to this size reach the page and get a clear message when over the import's own limit.</summary>
    public const long RequestLimit = 16 * 1024 * 1024;

    [BindProperty] public ImportInput Input { get; set; } = new();

    public IReadOnlyList<BadgeImportSummary> Imports { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Imports = await sender.Send(new ListBadgeImports(), ct);

    /// <summary>A CSV to start from, with the district's own credential names.</summary>
    public async Task<IActionResult> OnGetExampleAsync(CancellationToken ct) =>
        File(await sender.Send(new GetBadgeImportExample(), ct), "text/csv; charset=utf-8", "badges-example.csv");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var file = Input.File;
        byte[] content = [];
        if (file is { Length: > 0 })
        {
            // Read one byte past the limit at most, so an oversized file is refused without holding all of it.
            await using var stream = file.OpenReadStream();
            var buffer = new byte[(int)Math.Min(file.Length, BadgeImportLimits.MaxBytes + 1)];
            var read = 0;
            while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n and > 0) read += n;
            content = buffer[..read];
        }
        var id = await sender.Send(new PreviewBadgeImport(file?.FileName, content), ct);
        return RedirectToPage("Details", new { district = HttpContext.District()!.Slug, id });
    }

    public sealed class ImportInput
    {
        public IFormFile? File { get; set; }
    }
}
