using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Testing;

/// <summary>
/// One test class's world: its own database cloned from the migrated template (which holds the demo
/// districts, so every class starts from the same known people) and the app on a real port.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    public MicroCredApp App { get; private set; } = default!;
    public Uri BaseAddress => App.BaseAddress;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>The host environment of this class's app ("Testing" unless a class needs Development or Production).</summary>
    protected virtual string Environment => "Testing";

    /// <summary>Extra or replaced services for this class's app (e.g. a test upload policy).</summary>
    protected virtual void ConfigureServices(IServiceCollection services) { }

    public virtual async ValueTask InitializeAsync()
    {
        var database = await TestPostgres.CreateDatabaseAsync(MicroCredApp.MigrateTemplate);
        App = new MicroCredApp(database, extra: Settings, services: ConfigureServices, environment: Environment).Start();
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (App is null) return; // InitializeAsync failed: its own error is the one to read
        var database = App.Database;
        await App.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(database);
    }

    public async Task<(Guid Id, string Slug)> District(string slug)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await db.Districts.Where(d => d.Slug == slug).Select(d => d.Id).SingleAsync();
        return (id, slug);
    }

    public async Task<Guid> UserId(string email)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
    }

    /// <summary>A scope acting as a demo person in one of their districts.</summary>
    public async Task<AsyncServiceScope> As(string email, string slug)
    {
        var (tenantId, _) = await District(slug);
        var userId = await UserId(email);
        var name = DemoData.Accounts.FirstOrDefault(a => a.Email == email)?.Name ?? email;
        return App.Scope(tenantId, slug, userId, email, name);
    }

    public static T Get<T>(AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
}
