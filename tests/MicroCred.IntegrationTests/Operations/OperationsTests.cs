using System.Net;
using System.Text.Json;
using MicroCred.Application.Data;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Operations;

public sealed class OperationsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Liveness_and_readiness_answer_200_when_the_database_is_migrated()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var ready = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_answers_503_for_a_database_without_the_schema()
    {
        var empty = $"mct_unmigrated_{Guid.NewGuid():N}"[..30];
        await using (var connection = new Npgsql.NpgsqlConnection(await TestPostgres.SuperuserAsync()))
        {
            await connection.OpenAsync();
            await new Npgsql.NpgsqlCommand($"CREATE DATABASE {empty} OWNER {TestPostgres.OwnerRole}", connection).ExecuteNonQueryAsync();
        }
        try
        {
            await using var app = new MicroCredApp(empty).Start();
            using var http = new HttpSession(app.BaseAddress);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(empty);
        }
    }

    [Fact]
    public async Task Readiness_answers_503_while_the_evidence_folder_takes_no_files()
    {
        var scratch = Directory.CreateTempSubdirectory("microcred-storage-").FullName;
        var root = Path.Combine(scratch, "storage");
        Directory.CreateDirectory(root);
        try
        {
            await using var app = new MicroCredApp(fixture.App.Database, extra: new Dictionary<string, string?> { ["Storage:Root"] = root }).Start();
            using var http = new HttpSession(app.BaseAddress);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
            Assert.Empty(Directory.EnumerateFileSystemEntries(root)); // the probe cleans up after itself

            // The folder is gone and a file stands in its place (a lost mount, say): nothing can be stored.
            Directory.Delete(root);
            await File.WriteAllTextAsync(root, "not a folder");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);

            File.Delete(root);
            Directory.CreateDirectory(root);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/no-such-district")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var response = await http.GetAsync(path);
        var csp = string.Join("", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var response = await http.PostAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = "admin@springfield.test", ["Input.Password"] = "x" }, token: null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Every_page_form_carries_an_antiforgery_token()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        await http.LogInAsync("admin@springfield.test");
        foreach (var path in new[] { "/signup", "/account/login", "/account/register", "/account/forgot-password", "/springfield/admin/members", "/springfield/admin/settings" })
        {
            var page = await http.PageAsync(path);
            foreach (var form in page.QuerySelectorAll("form").Where(f => f.GetAttribute("method")?.Equals("post", StringComparison.OrdinalIgnoreCase) == true))
                Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        }
    }

    [Fact]
    public async Task Log_events_carry_the_district_the_user_and_the_request_id()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        await http.LogInAsync("developer@springfield.test");
        await http.PageAsync("/springfield");
        var userId = (await fixture.UserId("developer@springfield.test")).ToString();

        var request = await Eventually(() => fixture.App.ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .FirstOrDefault(e => e.TryGetProperty("RequestPath", out var p) && p.GetString() == "/springfield"
                && e.TryGetProperty("UserId", out var u) && u.GetString() == userId));
        Assert.Equal("springfield", request.GetProperty("District").GetString());
        Assert.False(string.IsNullOrEmpty(request.GetProperty("RequestId").GetString()));
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_page()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var page = await http.PageAsync("/springfield/invitations/no-such-token", HttpStatusCode.NotFound);
        Assert.Contains("Page not found", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Data_protection_keys_live_in_PostgreSQL_so_a_second_instance_accepts_the_cookie()
    {
        using var first = new HttpSession(fixture.BaseAddress);
        await first.LogInAsync("earner@springfield.test");
        await using (var scope = fixture.App.Scope())
            Assert.True(await AppFixture.Get<AppDbContext>(scope).DataProtectionKeys.AnyAsync());

        await using var second = new MicroCredApp(fixture.App.Database).Start();
        using var other = new HttpSession(second.BaseAddress);
        foreach (Cookie cookie in first.Cookies.GetAllCookies())
            other.Cookies.Add(new Cookie(cookie.Name, cookie.Value, "/", second.BaseAddress.Host));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/springfield")).StatusCode);
    }

    [Fact]
    public async Task With_SMTP_configured_the_outbox_is_delivered_through_it()
    {
        await using var sink = new SmtpSink();
        await using var app = new MicroCredApp(fixture.App.Database, extra: new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None", ["Smtp:PollInterval"] = "00:00:00.200",
        }).Start();
        using var http = new HttpSession(app.BaseAddress);
        await http.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = "issuer@springfield.test" });

        var delivered = await Eventually(() => sink.Messages.ToList().FirstOrDefault(m => m.To.Contains("issuer@springfield.test")));
        Assert.Contains("Reset your MicroCred password", delivered.Data);
        await Eventually(async () =>
        {
            await using var scope = app.Scope();
            return await AppFixture.Get<AppDbContext>(scope).EmailMessages
                .Where(m => m.To == "issuer@springfield.test" && m.SentAt != null).AnyAsync() ? true : (bool?)null;
        });

        // Once sent, the record keeps who, what and when, but not the body with its reset link.
        await using (var scope = app.Scope())
        {
            var sent = await AppFixture.Get<AppDbContext>(scope).EmailMessages.SingleAsync(m => m.To == "issuer@springfield.test" && m.SentAt != null);
            Assert.Equal("Reset your MicroCred password", sent.Subject);
            Assert.Equal("", sent.TextBody);
            Assert.Equal("", sent.HtmlBody);
            Assert.True(sent.SentAt >= sent.CreatedAt);
        }
    }

    /// <summary>Waits for a condition (a log line flushed, a background send done) without a fixed sleep.</summary>
    internal static async Task<T> Eventually<T>(Func<T?> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                if (probe() is { } found && !EqualityComparer<T>.Default.Equals(found, default!)) return found;
            }
            catch (IOException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true within 15 s.");
            await Task.Delay(50);
        }
    }

    private static async Task<T> Eventually<T>(Func<Task<T?>> probe) where T : struct
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not become true within 15 s.");
            await Task.Delay(50);
        }
    }
}
