using Mediator;
using MicroCred.Application.Features.Issuing;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Backpack;

/// <summary>Every badge the signed-in person holds, from every district: open, share, download.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public Application.Features.Issuing.Backpack Backpack { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => Backpack = await sender.Send(new GetMyBackpack(), ct);
}
