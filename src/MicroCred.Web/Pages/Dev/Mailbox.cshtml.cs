using System.Net;
using System.Text.RegularExpressions;
using Mediator;
using MicroCred.Application.Email;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Dev;

/// <summary>Lists the local mailbox. Answers 404 outside Development or to a request not from this machine (<see cref="DevTools"/>).</summary>
public sealed partial class MailboxModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public IReadOnlyList<MailboxMessage> Messages { get; private set; } = [];
    public MailboxMessage? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!DevTools.Available(HttpContext)) return NotFound();
        if (Id is { } id) Message = await sender.Send(new GetMailboxMessage(id), ct);
        else Messages = await sender.Send(new ListMailbox(To), ct);
        return Page();
    }

    /// <summary>The text body, encoded, with its links made clickable.</summary>
    public IHtmlContent Render(string text)
    {
        var html = string.Join("", text.Split('\n').Select(line =>
        {
            var encoded = WebUtility.HtmlEncode(line.TrimEnd('\r'));
            return "<p>" + Link().Replace(encoded, m => $"<a href=\"{m.Value}\">{m.Value}</a>") + "</p>";
        }).Where(p => p != "<p></p>"));
        return new HtmlString(html);
    }

    [GeneratedRegex(@"https?://[^\s<]+")]
    private static partial Regex Link();
}
