using Mediator;
using MicroCred.Application.Features.Recognition;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Recognition.Workspace;

/// <summary>The recognizer's inbox: requests waiting for a decision, and the latest decisions.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    public CreditInbox Inbox { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => Inbox = await sender.Send(new GetCreditInbox(), ct);
}
