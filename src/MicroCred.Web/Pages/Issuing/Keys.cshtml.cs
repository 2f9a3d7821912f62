using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Issuing;

/// <summary>The district's signing keys for signed badges, and rotation.</summary>
public sealed class KeysModel(ISender sender) : PageModel
{
    public IReadOnlyList<SigningKeyRow> Keys { get; private set; } = [];
    public string Slug => HttpContext.District()!.Slug;

    public async Task OnGetAsync(CancellationToken ct) => Keys = await sender.Send(new ListSigningKeys(), ct);

    public async Task<IActionResult> OnPostRotateAsync(CancellationToken ct)
    {
        await sender.Send(new RotateSigningKey(), ct);
        TempData["Status"] = "A new signing key is in use. Earlier keys stay published, so badges signed with them still verify.";
        return Redirect($"/{Slug}/issuing/keys");
    }
}
