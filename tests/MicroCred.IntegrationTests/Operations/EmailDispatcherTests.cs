using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MicroCred.IntegrationTests.Operations;

/// <summary>The outbox dispatcher stops at a safe point: never between delivering a message and recording it.</summary>
public sealed class EmailDispatcherTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Stopping_in_the_middle_of_a_batch_finishes_it_so_no_email_goes_out_twice()
    {
        const int count = 5;
        await using (var scope = fixture.App.Scope())
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            await db.EmailMessages.Where(m => m.SentAt == null).ExecuteDeleteAsync(); // only this test's messages wait
            using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestQueuesEmail", null);
            var outbox = AppFixture.Get<EmailOutbox>(scope);
            for (var i = 0; i < count; i++) outbox.Queue($"teacher{i}@springfield.test", $"Message {i}", ["Hello."]);
            await db.SaveChangesAsync();
        }
        using var stopping = new CancellationTokenSource();
        // The app is told to stop while the first message of the batch is being delivered.
        await using var sink = new SmtpSink { OnMessage = stopping.Cancel };
        var smtp = new SmtpOptions { Host = "127.0.0.1", Port = sink.Port, Security = MailKit.Security.SecureSocketOptions.None };
        var dispatcher = new EmailDispatcher(fixture.App.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(smtp), NullLogger<EmailDispatcher>.Instance);

        Assert.Equal(count, await dispatcher.SendBatch(smtp, stopping.Token));
        Assert.True(stopping.IsCancellationRequested);
        // The next start finds nothing left to send: each message was delivered once and recorded as sent.
        Assert.Equal(0, await dispatcher.SendBatch(smtp, CancellationToken.None));
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"teacher{i}@springfield.test"), sink.Messages.Select(m => m.To.Single()).Order());
        await using (var scope = fixture.App.Scope())
            Assert.Equal(count, await AppFixture.Get<AppDbContext>(scope).EmailMessages.CountAsync(m => m.To.StartsWith("teacher") && m.SentAt != null));
    }
}
