namespace MicroCred.Application.Email;

/// <summary>
/// An email in the outbox, written in the same transaction as the change it announces so that none is lost.
/// A background dispatcher sends it over SMTP when one is configured; otherwise it stays in the local
/// mailbox, which the development-only page lists. Once sent, its body is dropped. Addressed to a person, not a district: not tenant-owned.
/// </summary>
public sealed class EmailMessage
{
    private EmailMessage() { }

    public Guid Id { get; private set; }
    public string To { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public static EmailMessage Compose(string to, string subject, string textBody, string htmlBody, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        To = to,
        Subject = subject,
        TextBody = textBody,
        HtmlBody = htmlBody,
        CreatedAt = now,
    };

    /// <summary>
    /// Sent: only the record stays (to, subject, when, attempts). The body goes, with the links and one-time tokens in it,
    /// so the database holds no live link once the email has left.
    /// </summary>
    public void MarkSent(DateTimeOffset now)
    {
        SentAt = now;
        TextBody = "";
        HtmlBody = "";
        Attempts++;
        LastError = null;
    }

    public void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
    }
}
