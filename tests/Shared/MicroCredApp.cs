using System.Net;
using MicroCred.Application.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Testing;

/// <summary>The real app on a real Kestrel port, against one test database, logging to its own file.</summary>
public sealed class MicroCredApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;
    private readonly string environment;

    /// <param name="environment">"Testing" by default; "Development" for the dev tools, "Production" to test what it enforces.</param>
    public MicroCredApp(string database, bool migrateAsOwner = false, IDictionary<string, string?>? extra = null, Action<IServiceCollection>? services = null,
        string environment = "Testing")
    {
        this.services = services;
        this.environment = environment;
        Database = database;
        WorkDirectory = Directory.CreateTempSubdirectory("microcred-test-").FullName;
        LogFile = Path.Combine(WorkDirectory, "app.log");
        settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = TestPostgres.App(database),
            ["ConnectionStrings:Owner"] = migrateAsOwner ? TestPostgres.Owner(database) : null,
            ["Logging:Console"] = "false",
            ["Logging:FilePath"] = LogFile,
            ["Storage:Root"] = Path.Combine(WorkDirectory, "storage"),
            ["Seed:Demo"] = "false",
            // Tests run the assignment themselves (WorkAssigner); a timer would race them.
            ["Assessment:AutoAssignSeconds"] = "0",
            ["Assessment:AttentionDigestMinutes"] = "0",
            ["Issuing:RenewalReminders:Minutes"] = "0",
            ["Recognition:RescissionSweep:Minutes"] = "0",
            // The tests talk plain HTTP to a loopback port; Production refuses this switch (ProductionAppFixture tests it).
            ["Transport:AllowPlainHttp"] = environment == "Testing" ? "true" : "false",
        };
        // Every test class shares one client address: lift the rate limits (RateLimitTests sets its own, low).
        foreach (var action in Enum.GetNames<MicroCred.Web.Infrastructure.Throttled>())
        {
            settings[$"RateLimits:{action}:PerIp"] = "1000000";
            settings[$"RateLimits:{action}:PerAccount"] = "1000000";
        }
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public string Database { get; }
    public string WorkDirectory { get; }
    public string LogFile { get; }

    public Uri BaseAddress
    {
        get
        {
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.EndsWith('/') ? address : address + "/");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings) builder.UseSetting(key, value ?? "");
        if (services is not null) builder.ConfigureTestServices(services);
    }

    /// <summary>Starts Kestrel (and with it the app's startup: migrations when owner, seeding when asked).</summary>
    public MicroCredApp Start()
    {
        StartServer();
        return this;
    }

    /// <summary>A DI scope acting as a person in a district, for calling handlers and the database directly.</summary>
    public AsyncServiceScope Scope(Guid? tenantId = null, string? slug = null, Guid? userId = null, string? email = null, string? name = null)
    {
        var scope = Services.CreateAsyncScope();
        if (tenantId is { } t) scope.ServiceProvider.GetRequiredService<TenantContext>().Set(t, slug ?? "test");
        if (userId is { } u) scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(u, email, name ?? email);
        return scope;
    }

    public string ReadLog()
    {
        using var stream = new FileStream(LogFile.Replace(".log", "") + DateTime.UtcNow.ToString("yyyyMMdd") + ".log", FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Environment.GetEnvironmentVariable("MICROCRED_KEEP_TEST_FILES") is not null) return; // to read the logs after a failure
        try { Directory.Delete(WorkDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Migrates a template database through the app's own startup, as the owner role.</summary>
    public static async Task MigrateTemplate(string database)
    {
        await using var app = new MicroCredApp(database, migrateAsOwner: true, new Dictionary<string, string?> { ["Seed:Demo"] = "true" });
        app.Start();
        // Startup migrated as the owner, granted the app role and seeded the demo districts.
        await Task.CompletedTask;
    }
}
