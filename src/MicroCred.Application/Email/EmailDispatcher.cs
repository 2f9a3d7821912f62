using MailKit.Net.Smtp;
using MailKit.Security;
using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MicroCred.Application.Email;

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>None, Auto, SslOnConnect or StartTls.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string From { get; set; } = "MicroCred <no-reply@microcred.local>";
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>
/// Sends the outbox over SMTP when SMTP is configured. Without it the messages simply stay in the local
/// mailbox for the development page. Rows are claimed with SKIP LOCKED so several app instances can run it.
/// </summary>
public sealed class EmailDispatcher(IServiceScopeFactory scopes, IOptions<SmtpOptions> options, ILogger<EmailDispatcher> logger) : BackgroundService
{
    private const int MaxAttempts = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var smtp = options.Value;
        if (!smtp.Configured)
        {
            logger.LogInformation("SMTP is not configured: emails stay in the local mailbox");
            return;
        }
        using var timer = new PeriodicTimer(smtp.PollInterval);
        do
        {
            try
            {
                while (await SendBatch(smtp, stoppingToken) > 0) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Email dispatch failed; retrying");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Sends up to one batch; returns how many messages were handled.</summary>
    public async Task<int> SendBatch(SmtpOptions smtp, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.EmailMessages
            .FromSql($"SELECT * FROM email_messages WHERE sent_at IS NULL AND attempts < {MaxAttempts} ORDER BY created_at LIMIT 20 FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (batch.Count == 0) return 0;

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, ct);
        if (!string.IsNullOrEmpty(smtp.Username)) await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
        // The safe point for stopping is before the first message goes out. From there the batch (at most 20, each
        // bounded by the SMTP client's timeout) is finished and committed even when the app is stopping: rolling back
        // after some were delivered would send those again on the next start.
        ct = CancellationToken.None;
        foreach (var message in batch)
        {
            try
            {
                var mime = new MimeMessage();
                mime.From.Add(MailboxAddress.Parse(smtp.From));
                mime.To.Add(MailboxAddress.Parse(message.To));
                mime.Subject = message.Subject;
                mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
                await client.SendAsync(mime, ct);
                message.MarkSent(clock.GetUtcNow());
            }
            catch (Exception e) when (e is SmtpCommandException or ParseException)
            {
                logger.LogWarning(e, "Could not send email {EmailId}", message.Id);
                message.MarkFailed(e.Message);
            }
        }
        await client.DisconnectAsync(true, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return batch.Count;
    }
}
