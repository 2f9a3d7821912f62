using System.Net;
using System.Text;
using MicroCred.Application.Data;

namespace MicroCred.Application.Email;

/// <summary>
/// Queues an email in the same unit of work as the change it reports. Messages are plain, short and
/// accessible: one paragraph or two, one clear action link, and the same text without HTML.
/// </summary>
public sealed class EmailOutbox(AppDbContext db, TimeProvider clock)
{
    public void Queue(string to, string subject, IEnumerable<string> paragraphs, string? actionText = null, string? actionUrl = null)
    {
        var lines = paragraphs.ToList();
        var text = new StringBuilder();
        var html = new StringBuilder("<div style=\"font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1b1f24\">");
        foreach (var p in lines)
        {
            text.AppendLine(p).AppendLine();
            html.Append("<p>").Append(WebUtility.HtmlEncode(p)).Append("</p>");
        }
        if (actionUrl is not null)
        {
            text.AppendLine($"{actionText}: {actionUrl}").AppendLine();
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(actionUrl)).Append("\">")
                .Append(WebUtility.HtmlEncode(actionText ?? actionUrl)).Append("</a></p>");
        }
        text.AppendLine("— MicroCred");
        html.Append("<p style=\"color:#57606a\">— MicroCred</p></div>");
        db.EmailMessages.Add(EmailMessage.Compose(to, subject, text.ToString(), html.ToString(), clock.GetUtcNow()));
    }
}
