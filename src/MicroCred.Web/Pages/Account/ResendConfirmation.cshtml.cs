using Mediator;
using MicroCred.Application.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MicroCred.Web.Infrastructure;

namespace MicroCred.Web.Pages.Account;

[Throttled(Throttled.ResendConfirmation)]
public sealed class ResendConfirmationModel(ISender sender) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new ResendConfirmation(Input.Email), ct);
        return RedirectToPage("/Account/CheckEmail", new { email = Input.Email });
    }

    public sealed class EmailInput
    {
        public string Email { get; set; } = "";
    }
}
