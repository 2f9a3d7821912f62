using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using MicroCred.Application.Seeding;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Infrastructure;

/// <summary>
/// Base of a browser test class: its own app and database (the class fixture), the shared Chromium, and the
/// checks every visited page must pass. Collects console errors and CSP violations, which fail the test.
/// </summary>
public abstract class BrowserTest(Chromium chromium, AppFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];
    private readonly List<string> consoleErrors = [];
    private readonly List<string> expectedConsoleErrors = [];

    protected AppFixture Fixture { get; } = fixture;

    public static string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    /// <summary>A fresh browser context (its own cookies), as a separate person would have.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // A 403/404 for the page itself is what some tests visit on purpose; any other error is a defect.
            var documentStatus = message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) && (message.Location == page.Url || message.Location.StartsWith(page.Url + ":", StringComparison.Ordinal));
            var expected = expectedConsoleErrors.Any(e => message.Text.Contains(e, StringComparison.Ordinal));
            if (message.Type == "error" && !documentStatus && !expected) lock (consoleErrors) consoleErrors.Add($"{page.Url}: {message.Text}");
        };
        return page;
    }

    /// <summary>A test that breaks something on purpose (e.g. takes the network away) names the console errors it causes.</summary>
    protected void ExpectConsoleErrors(string containing) => expectedConsoleErrors.Add(containing);

    protected async Task LogInAsync(IPage page, string email, string password = DemoData.Password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        // Signed in, wherever the app lands: the account menu is in the header of every page for a signed-in person.
        await Assertions.Expect(page).Not.ToHaveURLAsync(LoginPage);
        await Assertions.Expect(page.Locator(".account-menu")).ToBeVisibleAsync();
    }

    private static readonly Regex LoginPage = new("/account/login(\\?|$)");

    /// <summary>
    /// Waits until the page has gone to a URL matching <paramref name="url"/> (after a click, a submit) and loaded it.
    /// Not <c>WaitForURLAsync</c> (banned in this project): it reads the URL and only then listens for navigations, so a
    /// navigation that lands in between is lost and it waits out its whole timeout (microsoft/playwright-dotnet#3364).
    /// The URL assertion is polled by the browser driver, where no event can be missed.
    /// </summary>
    protected static async Task ExpectUrlAsync(IPage page, Regex url)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url);
        // Not WaitForLoadStateAsync: it too checks the states it has seen and only then listens, so a "load" that lands
        // in between is lost (seen once: network idle, "load" never reported, 15 s out). The page answers for itself.
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }

    /// <summary>
    /// Follows a page of the district menu as a person would: opens the menu (on a phone it is folded behind its button),
    /// then the group, then clicks the page's link.
    /// </summary>
    protected static async Task GoViaMenuAsync(IPage page, string group, string link)
    {
        var nav = page.Locator("nav.district-nav");
        var toggle = nav.Locator(".menu-toggle");
        if (await toggle.IsVisibleAsync() && await toggle.GetAttributeAsync("aria-expanded") != "true") await toggle.ClickAsync();
        var details = nav.Locator("details.nav-group").Filter(new() { Has = page.Locator("summary", new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(group)}\\s*$") }) });
        if (await details.GetAttributeAsync("open") is null) await details.Locator("summary").ClickAsync();
        await details.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
    }

    /// <summary>
    /// axe-core on the page as it is now: no serious or critical violation. Also saves a screenshot under
    /// TestResults/screenshots, named after the test and the step.
    /// </summary>
    protected async Task CheckPageAsync(IPage page, string step, [CallerMemberName] string test = "")
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{GetType().Name}.{test}.{step}.png"), FullPage = true });
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe-core on {page.Url} ({step}):\n" + string.Join("\n", serious.Select(v =>
            $"- {v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Html).Take(3))}")));
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var context in contexts) await context.CloseAsync();
        GC.SuppressFinalize(this);
        // A page that logs errors (a script failing, a CSP violation) is broken even if the assertions passed.
        Assert.True(consoleErrors.Count == 0, "Browser console errors:\n" + string.Join("\n", consoleErrors));
    }

    private static string FindScreenshotDirectory()
    {
        var root = Environment.GetEnvironmentVariable("MICROCRED_ROOT");
        if (root is null)
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MicroCred.sln"))) dir = dir.Parent;
            root = dir?.FullName ?? AppContext.BaseDirectory;
        }
        var path = Path.Combine(root, "TestResults", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
