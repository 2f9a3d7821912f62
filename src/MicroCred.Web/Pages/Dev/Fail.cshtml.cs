using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Dev;

/// <summary>Fails on purpose, to see the error page and find its reference in the log. Development only.</summary>
public sealed class FailModel(IConfiguration configuration) : PageModel
{
    public IActionResult OnGet() =>
        configuration.GetValue<bool>("DevTools:Enabled")
            ? throw new InvalidOperationException("Deliberate failure from /dev/fail to check error handling.")
            : NotFound();
}
