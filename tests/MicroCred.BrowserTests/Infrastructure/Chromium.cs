using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(MicroCred.BrowserTests.Infrastructure.Chromium))]

namespace MicroCred.BrowserTests.Infrastructure;

/// <summary>
/// One Debian Chromium for the whole run (Playwright's own browser download is not available here);
/// every test gets fresh, isolated browser contexts from it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("MICROCRED_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"Chromium is not at {executable}: run ./test.sh (it installs it) or set MICROCRED_CHROMIUM.");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            // Without the networking flags Chromium keeps calling home through a closed network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}
