using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Design.Stacks;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<StackRow> Stacks { get; private set; } = [];
    public string Slug => HttpContext.District()!.Slug;

    public async Task OnGetAsync(CancellationToken ct) => Stacks = await sender.Send(new ListStacks(), ct);
}
