using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MicroCred.Application.Data;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Evidence;

/// <summary>The uploader component on "My evidence files", driven like a teacher on school Wi-Fi would.</summary>
public sealed partial class EvidenceUploadJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private const string Earner = "earner@springfield.test";

    private static ILocator Bar(IPage page) => page.Locator("[data-upload-bar]");
    private static ILocator Status(IPage page) => page.Locator("[data-upload-status]");

    private static Task UntilProgressAsync(IPage page, int percent) =>
        page.WaitForFunctionAsync($"() => document.querySelector('[data-upload-bar]').value >= {percent}", null, new() { Timeout = 30_000 });

    private async Task<string?> StoredSha256Async(string fileName)
    {
        await using var scope = await Fixture.As(Earner, "springfield");
        return await AppFixture.Get<AppDbContext>(scope).StoredFiles.Where(f => f.FileName == fileName).Select(f => f.Sha256).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task A_teacher_uploads_a_photo_sees_100_percent_and_after_a_reload_finds_it_listed_and_previewable()
    {
        var page = await NewPageAsync();
        await LogInAsync(page, Earner);
        await page.GotoAsync("/springfield");
        await GoViaMenuAsync(page, "My learning", "My evidence files");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My evidence files");
        await CheckPageAsync(page, "empty");

        await page.EvaluateAsync("() => document.addEventListener('evidence-upload-complete', e => { window.uploaded = e.detail; })");
        var photo = EvidenceSamples.Png(700, 700);
        await page.GetByLabel("Choose a file").SetInputFilesAsync(new FilePayload { Name = "classroom.png", MimeType = "image/png", Buffer = photo });

        await Assertions.Expect(Status(page)).ToHaveTextAsync("classroom.png uploaded (100%).");
        await Assertions.Expect(Bar(page)).ToHaveJSPropertyAsync("value", 100);
        await Assertions.Expect(page.Locator("[data-upload-percent]")).ToHaveTextAsync("100%");
        await Assertions.Expect(page.Locator("[data-upload-actions]")).ToBeHiddenAsync();
        var fileId = await page.EvaluateAsync<string>("() => window.uploaded.fileId");
        Assert.Equal($"/springfield/files/{fileId}", await page.EvaluateAsync<string>("() => window.uploaded.fileUrl"));
        // The list refreshed itself.
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("classroom\\.png") })).ToContainTextAsync("Image");
        await CheckPageAsync(page, "uploaded");

        await page.ReloadAsync();
        var row = page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("classroom\\.png") });
        await Assertions.Expect(row).ToContainTextAsync(Convert.ToHexStringLower(SHA256.HashData(photo)));
        await CheckPageAsync(page, "reloaded");

        await row.GetByRole(AriaRole.Link, new() { Name = "classroom.png" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex($"/springfield/evidence/files/{fileId}$"));
        await page.WaitForFunctionAsync("() => { const img = document.querySelector('img.preview-media'); return img && img.complete && img.naturalWidth > 0; }");
        Assert.Equal(700, await page.Locator("img.preview-media").EvaluateAsync<int>("img => img.naturalWidth"));
        await CheckPageAsync(page, "preview");
    }

    [Fact]
    public async Task An_upload_pauses_and_resumes_survives_a_dropped_connection_and_continues_after_a_reload()
    {
        ExpectConsoleErrors("ERR_INTERNET_DISCONNECTED");
        var video = Path.Combine(Directory.CreateTempSubdirectory("microcred-browser-").FullName, "lesson.mp4");
        var bytes = EvidenceSamples.Mp4(8 * 1024 * 1024);
        await File.WriteAllBytesAsync(video, bytes, TestContext.Current.CancellationToken);

        var page = await NewPageAsync();
        await LogInAsync(page, Earner);
        await page.GotoAsync("/springfield/evidence/files");
        var network = await page.Context.NewCDPSessionAsync(page);
        async Task Network(bool offline, int uploadBytesPerSecond) =>
            await network.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
            {
                ["offline"] = offline, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = uploadBytesPerSecond,
            });
        await network.SendAsync("Network.enable");
        await Network(offline: false, uploadBytesPerSecond: 1024 * 1024); // slow school Wi-Fi

        await page.GetByLabel("Choose a file").SetInputFilesAsync(video);
        await UntilProgressAsync(page, 10);

        // Pause by keyboard.
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause upload" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Status(page)).ToHaveTextAsync(new Regex("^Paused at [1-9][0-9]%\\.$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume upload" })).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Pause upload" })).ToBeHiddenAsync();
        await CheckPageAsync(page, "paused");

        // Resume while the Wi-Fi is down: it keeps trying, and carries on by itself once the network is back.
        await Network(offline: true, uploadBytesPerSecond: 1024 * 1024);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(Status(page)).ToHaveTextAsync(new Regex("^Connection lost at [1-9][0-9]%\\. Trying again in [0-9]+ seconds?…$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Resume upload" })).ToBeHiddenAsync();
        await CheckPageAsync(page, "connection-lost");
        await Network(offline: false, uploadBytesPerSecond: 1024 * 1024);
        await UntilProgressAsync(page, 45);

        // The page is reloaded mid-upload: choosing the same file again continues it.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-upload-unfinished]")).ToContainTextAsync("Unfinished upload: lesson.mp4 (8 MB).");
        await CheckPageAsync(page, "unfinished");
        await Network(offline: false, uploadBytesPerSecond: -1);
        await page.EvaluateAsync("""
            () => {
              const status = document.querySelector('[data-upload-status]');
              window.said = [];
              new MutationObserver(() => window.said.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
            }
            """);
        await page.GetByLabel("Choose a file").SetInputFilesAsync(video);
        await Assertions.Expect(Status(page)).ToHaveTextAsync("lesson.mp4 uploaded (100%).");
        var said = await page.EvaluateAsync<string[]>("() => window.said");
        Assert.Contains(said, s => ContinuedFrom().Match(s) is { Success: true } m && int.Parse(m.Groups[1].Value) >= 40);
        Assert.DoesNotContain(said, s => s.StartsWith("Uploading", StringComparison.Ordinal));
        await CheckPageAsync(page, "resumed-and-done");

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), await StoredSha256Async("lesson.mp4"));
        await using (var scope = await Fixture.As(Earner, "springfield"))
            Assert.Equal(1, await AppFixture.Get<AppDbContext>(scope).UploadSessions.CountAsync(u => u.FileName == "lesson.mp4"));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-upload-unfinished]")).ToBeHiddenAsync();
        File.Delete(video);
    }

    [GeneratedRegex("^Continuing lesson\\.mp4 from ([0-9]+)%\\.$")]
    private static partial Regex ContinuedFrom();
}
