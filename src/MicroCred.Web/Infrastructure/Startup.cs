using MicroCred.Application.Data;
using MicroCred.Application.Seeding;

namespace MicroCred.Web.Infrastructure;

public static class Startup
{
    /// <summary>
    /// Migrates as the owner (when <c>ConnectionStrings:Owner</c> is set), checks the app's role, and seeds the
    /// demo districts into an empty database when <c>Seed:Demo</c> is on.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var configuration = app.Configuration;
        await using var scope = app.Services.CreateAsyncScope();
        if (configuration.GetConnectionString("Owner") is { Length: > 0 } owner)
            await scope.ServiceProvider.GetRequiredService<DatabaseBootstrapper>()
                .PrepareAsync(owner, configuration.GetConnectionString("Default")!);
        if (configuration.GetValue<bool>("Seed:Demo"))
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    }

    /// <summary>What ./run.sh shows once the app listens: where, and the demo accounts, one per line.</summary>
    public static void PrintWelcome(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Seed:PrintDemoAccounts")) return;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var links = app.Services.GetRequiredService<MicroCred.Application.Common.ILinkBuilder>();
            Console.WriteLine();
            Console.WriteLine($"MicroCred is running at {links.BaseUrl}");
            foreach (var line in DemoData.Lines()) Console.WriteLine(line);
            var (badge, revoked) = IssuingSeed.DemoBadgesAsync(app.Services).GetAwaiter().GetResult();
            if (badge is not null)
            {
                var badgeLinks = app.Services.GetRequiredService<MicroCred.Application.Features.Issuing.BadgeLinks>();
                Console.WriteLine($"Demo earner: {IssuingSeed.Earner}");
                Console.WriteLine($"Demo badge: {badgeLinks.Assertion(badge.Value)}");
                if (revoked is not null) Console.WriteLine($"Demo revoked badge: {badgeLinks.Assertion(revoked.Value)}");
            }
            if (app.Environment.IsDevelopment()) Console.WriteLine($"Development mailbox: {links.Absolute("/dev/mailbox")}");
            Console.WriteLine("Press Ctrl-C to stop.");
            Console.WriteLine();
        });
    }
}
