using Mediator;
using MicroCred.Application.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MicroCred.Web.Infrastructure;

namespace MicroCred.Web.Pages.Account;

[Throttled(Throttled.ForgotPassword)]
public sealed class ForgotPasswordModel(ISender sender) : PageModel
{
    [BindProperty]
    public ResendConfirmationModel.EmailInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new ForgotPassword(Input.Email), ct);
        Sent = true;
        return Page();
    }
}
