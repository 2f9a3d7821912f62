using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Dev;

/// <summary>Fails on purpose, to see the error page and find its reference in the log. Development and loopback only.</summary>
public sealed class FailModel : PageModel
{
    public IActionResult OnGet() =>
        DevTools.Available(HttpContext)
            ? throw new InvalidOperationException("Deliberate failure from /dev/fail to check error handling.")
            : NotFound();
}
