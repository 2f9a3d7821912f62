using System.Net;
using System.Text.Json;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MicroCred.IntegrationTests.Operations;

/// <summary>In Development, on this machine, the dev tools work (the mailbox, the deliberate failure).</summary>
public sealed class DevToolsInDevelopmentTests(DevelopmentAppFixture fixture) : IClassFixture<DevelopmentAppFixture>
{
    [Fact]
    public async Task The_mailbox_lists_the_emails_the_app_wrote()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var page = await http.PageAsync("/dev/mailbox");
        Assert.Equal("Development mailbox", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task An_unexpected_error_shows_a_reference_that_is_in_the_log()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var page = await http.PageAsync("/dev/fail", HttpStatusCode.InternalServerError);
        var reference = page.QuerySelector("[data-correlation-id]")!.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(reference));
        Assert.DoesNotContain("Deliberate failure", page.MainText());

        var logged = await OperationsTests.Eventually(() => fixture.App.ReadLog().Split('\n')
            .Where(line => line.Contains("Deliberate failure")).Select(line => JsonDocument.Parse(line).RootElement)
            .FirstOrDefault(e => e.TryGetProperty("RequestId", out var id) && id.GetString() == reference));
        Assert.Equal("Error", logged.GetProperty("@l").GetString());
    }
}

/// <summary>A Development server reached from another machine (a laptop on the café Wi-Fi): no dev tools.</summary>
public sealed class DevToolsFromAnotherMachineTests(DevToolsFromAnotherMachineTests.Fixture fixture) : IClassFixture<DevToolsFromAnotherMachineTests.Fixture>
{
    public sealed class Fixture : DevelopmentAppFixture
    {
        protected override void ConfigureServices(IServiceCollection services) => RemoteClient.Pretend(services);
    }

    [Theory]
    [InlineData("/dev/mailbox")]
    [InlineData("/dev/fail")]
    public async Task The_dev_tools_do_not_exist(string path)
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Development mailbox", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Outside Development the dev tools do not exist, even for a request from the server itself.</summary>
public sealed class DevToolsOutsideDevelopmentTests(AppFixture testing, ProductionAppFixture production)
    : IClassFixture<AppFixture>, IClassFixture<ProductionAppFixture>
{
    [Theory]
    [InlineData("/dev/mailbox")]
    [InlineData("/dev/fail")]
    public async Task The_dev_tools_do_not_exist_in_production_or_any_other_environment(string path)
    {
        foreach (var app in new[] { production.App, testing.App })
        {
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https"); // as the TLS proxy in front of Production says
            var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Fact]
    public async Task Production_refuses_to_start_with_the_verifier_allowed_into_private_networks()
    {
        var database = await TestPostgres.CreateDatabaseAsync(MicroCredApp.MigrateTemplate);
        try
        {
            await using var app = new MicroCredApp(database, extra: ProductionAppFixture.Required(new() { ["Verifier:AllowPrivateNetworks"] = "true" }),
                environment: "Production");
            var refused = Assert.ThrowsAny<Exception>(() => app.Start());
            Assert.Contains("Verifier:AllowPrivateNetworks must not be on in Production", Flatten(refused));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public void Production_runs_with_the_verifier_kept_out_of_private_networks()
    {
        var options = production.App.Services.GetRequiredService<IOptions<MicroCred.Application.Features.Public.VerifierOptions>>().Value;
        Assert.False(options.AllowPrivateNetworks);
    }

    internal static string Flatten(Exception e) =>
        e is AggregateException many ? string.Join("\n", many.InnerExceptions.Select(Flatten)) : e.Message + (e.InnerException is { } inner ? "\n" + Flatten(inner) : "");
}
