using Mediator;
using MicroCred.Application.Features.Public;
using MicroCred.Application.Features.Recognition;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Recognition;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MicroCred.Web.Pages.Recognition;

/// <summary>
/// Any signed-in teacher asks this organisation (the district in the path) for credit for one badge. A badge
/// that does not verify as valid is refused here with its full report.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[Throttled(Throttled.CreditRequest)]
public sealed class RequestCreditModel(ISender sender, IOptions<VerifierOptions> options) : PageModel, IReloadable
{
    public const long MaxRequestBytes = 6 * 1024 * 1024;

    [BindProperty]
    public CreditInput Input { get; set; } = new();

    public CreditOffer Offer { get; private set; } = default!;

    /// <summary>The report of a badge that was refused, shown under the form.</summary>
    public BadgeSnapshot? Refused { get; private set; }

    public VerifierOptions Limits => options.Value;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Offer = await sender.Send(new GetCreditOffer(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        BadgeFile? file = null;
        if (Input.Image is { Length: > 0 } image)
        {
            if (image.Length > Limits.MaxImageBytes)
            {
                ModelState.AddModelError("Input.Image", $"{Path.GetFileName(image.FileName)} is larger than {FileSizes.Describe(Limits.MaxImageBytes)}: a baked badge image must be smaller.");
                await ReloadAsync(ct);
                return Page();
            }
            using var buffer = new MemoryStream((int)image.Length);
            await image.CopyToAsync(buffer, ct);
            file = new BadgeFile(image.FileName, buffer.ToArray());
        }
        try
        {
            await sender.Send(new RequestCredit(Input.Badge, file, Input.Note), ct);
        }
        catch (BadgeNotCreditableException refused)
        {
            // The refusal and the report that explains it; what was typed stays in the form.
            Refused = refused.Badge;
            ModelState.AddModelError("Input.Badge", refused.Message);
            await ReloadAsync(ct);
            return Page();
        }
        TempData["Status"] = $"Your request was sent to {HttpContext.District()!.Name}. You will get an email when they decide.";
        return Redirect("/account/transcript");
    }

    public sealed class CreditInput
    {
        public string? Badge { get; set; }
        public IFormFile? Image { get; set; }
        public string? Note { get; set; }
    }
}
