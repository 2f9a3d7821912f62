using Mediator;
using MicroCred.Application.Features.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Account;

/// <summary>The emailed link confirms on open: it proves the mailbox received it, which is all it is for.</summary>
public sealed class ConfirmEmailModel(ISender sender) : PageModel
{
    public bool Confirmed { get; private set; }
    public string? ReturnUrl { get; private set; }

    public async Task OnGetAsync(Guid userId, string? code, string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = AccountEmails.LocalPath(returnUrl);
        await sender.Send(new ConfirmEmail(userId, code ?? ""), ct);
        Confirmed = true;
    }
}
