using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages;

public sealed class IndexModel(ISender sender, ICurrentUser user) : PageModel
{
    public IReadOnlyList<MyDistrict>? Districts { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (user.Id is not null) Districts = await sender.Send(new GetMyDistricts(), ct);
    }
}
