using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Catalog;

/// <summary>A published stack: its credentials in order, with what each requires when the stack is sequential.</summary>
public sealed class StackModel(ISender sender) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public PublicStack Stack { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;
    public string IssuerName => HttpContext.District()!.IssuerName;

    public async Task OnGetAsync(CancellationToken ct) => Stack = await sender.Send(new GetPublicStack(Id), ct);
}
