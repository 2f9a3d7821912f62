using System.Text.RegularExpressions;
using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Testing;

public static partial class Mailbox
{
    /// <summary>The newest email to an address, read from the outbox table the app writes.</summary>
    public static async Task<(string Subject, string Body)> LatestTo(this AppFixture fixture, string email)
    {
        await using var scope = fixture.App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var message = await db.EmailMessages.Where(m => m.To == email.ToLowerInvariant()).OrderByDescending(m => m.CreatedAt).FirstOrDefaultAsync()
            ?? throw new InvalidOperationException($"No email to {email}.");
        return (message.Subject, message.TextBody);
    }

    public static async Task<int> CountTo(this AppFixture fixture, string email)
    {
        await using var scope = fixture.App.Scope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().EmailMessages.CountAsync(m => m.To == email.ToLowerInvariant());
    }

    /// <summary>The first link in an email body, as a path on the app (the host part is the app's own).</summary>
    public static string LinkIn(string body)
    {
        var url = Link().Match(body);
        if (!url.Success) throw new InvalidOperationException("The email has no link: " + body);
        return new Uri(url.Value).PathAndQuery;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
