using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Public;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Public;

/// <summary>The evidence behind a badge, public only while its earner chooses so (the badge's evidence link).</summary>
public sealed class EvidenceModel(ISender sender) : PageModel
{
    public PublicEvidence Evidence { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Evidence = await sender.Send(new GetPublicEvidence(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        Response.Headers.CacheControl = "public, no-cache"; // revalidate: the earner may make it private at any moment
        return Page();
    }
}
