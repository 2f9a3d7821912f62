using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MicroCred.IntegrationTests.Infrastructure;

namespace MicroCred.IntegrationTests.Operations;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh end to end: the demo ./run.sh seeds is backed up while it serves, restored
/// into a fresh cluster and an empty folder, and served again by ./run.sh on the same address.
/// </summary>
public sealed class BackupRestoreTests : IAsyncDisposable
{
    private readonly string scratch = Directory.CreateTempSubdirectory("microcred-backup-").FullName;
    private string Source => Path.Combine(scratch, "source");
    private string Restored => Path.Combine(scratch, "restored");
    private readonly List<Terminal> terminals = [];

    [Fact]
    public async Task A_backup_of_the_demo_restores_into_a_fresh_cluster_with_the_same_badges_files_and_sign_ins()
    {
        var sourcePg = RunSh.FreePort();
        var restoredPg = RunSh.FreePort(sourcePg);
        var appPort = RunSh.FreePort(sourcePg, restoredPg); // the same address before and after, like a real restore

        // The demo as ./run.sh seeds it, with Erin signed in and what she and anyone sees.
        var source = await RunSh.StartAsync(Source, sourcePg, appPort, Path.Combine(scratch, "t1"));
        terminals.Add(source.Terminal);
        var (demoBadge, demoRevoked) = await source.DemoBadgesAsync();
        using var erin = new HttpSession(source.BaseAddress);
        await erin.LogInAsync("earner@springfield.test");
        var badges = await BadgeUrlsAsync(erin);
        badges.Add(demoBadge);
        badges.Add(demoRevoked);
        var verdictsBefore = await VerdictsAsync(erin, badges);
        Assert.Contains("valid", verdictsBefore.Values);
        Assert.Equal("revoked", verdictsBefore[demoRevoked]);
        Assert.Contains(verdictsBefore, v => v.Value == "valid" && v.Key.Contains("signed"));
        var filesBefore = await FilesAsync(erin);
        Assert.NotEmpty(filesBefore);

        // Backed up online, while the app serves.
        var backupOutput = await RunSh.ScriptAsync("scripts/backup.sh", RunSh.Environment(Source, sourcePg), Path.Combine(scratch, "backups"));
        var backup = backupOutput.Trim().Split('\n')[^1];
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(backup, "manifest.json")))!;
        Assert.Equal(Sha256(await File.ReadAllBytesAsync(Path.Combine(backup, "database.dump"))), manifest["database"]!["sha256"]!.GetValue<string>());
        Assert.Equal(new FileInfo(Path.Combine(backup, "evidence.tar")).Length, manifest["evidence"]!["bytes"]!.GetValue<long>());
        Assert.True(manifest["evidence"]!["files"]!.GetValue<int>() >= filesBefore.Count);
        Assert.Equal(130, await source.StopAsync());

        // Restored into a cluster and folder that never saw the demo, then served by ./run.sh as usual.
        Assert.False(Directory.Exists(Restored));
        await RunSh.ScriptAsync("scripts/restore.sh", RunSh.Environment(Restored, restoredPg), backup);
        var restored = await RunSh.StartAsync(Restored, restoredPg, appPort, Path.Combine(scratch, "t2"));
        terminals.Add(restored.Terminal);
        Assert.Equal((demoBadge, demoRevoked), await restored.DemoBadgesAsync()); // the same rows, not a fresh seed

        // Erin's cookie from before the backup still signs her in: the data-protection keys came along (and the signed
        // badges still sign, their private keys being protected by those keys).
        Assert.Equal(verdictsBefore, await VerdictsAsync(erin, badges));
        var filesAfter = await FilesAsync(erin);
        Assert.Equal(filesBefore.Keys.Order(), filesAfter.Keys.Order());
        foreach (var (id, bytes) in filesBefore) Assert.Equal(bytes, filesAfter[id]);

        // And people sign in with their passwords.
        using var admin = new HttpSession(restored.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/springfield/admin/members")).StatusCode);
        Assert.Equal(130, await restored.StopAsync());
    }

    /// <summary>The share links on the person's backpack page.</summary>
    private static async Task<HashSet<string>> BadgeUrlsAsync(HttpSession session)
    {
        var page = await session.PageAsync("/backpack");
        var links = page.QuerySelectorAll("a[href*='/public/assertions/']").Select(a => a.GetAttribute("href")!)
            .Where(h => !h.Contains("/image") && !h.EndsWith(".json", StringComparison.Ordinal)).ToHashSet();
        Assert.NotEmpty(links);
        return links;
    }

    /// <summary>Each badge's verdict from the app's own /verify, keyed by URL and marked when verified as signed.</summary>
    private static async Task<Dictionary<string, string>> VerdictsAsync(HttpSession session, IEnumerable<string> urls)
    {
        var verdicts = new Dictionary<string, string>();
        foreach (var url in urls.Order())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/verify?url=" + Uri.EscapeDataString(url));
            request.Headers.Accept.ParseAdd("application/json");
            var response = await session.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]![0]!;
            var method = result["method"]?.GetValue<string>();
            verdicts[method == "signed" ? url + " (signed)" : url] = result["verdict"]!.GetValue<string>();
        }
        return verdicts;
    }

    /// <summary>Every file on the person's "My evidence files" page, downloaded (fails when the cookie no longer signs in).</summary>
    private static async Task<Dictionary<string, byte[]>> FilesAsync(HttpSession session)
    {
        var page = await session.PageAsync("/springfield/evidence/files");
        var files = new Dictionary<string, byte[]>();
        foreach (var href in page.QuerySelectorAll("a[href^='/springfield/evidence/files/']").Select(a => a.GetAttribute("href")!))
        {
            var id = href[(href.LastIndexOf('/') + 1)..];
            var response = await session.GetAsync($"/springfield/files/{id}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"file {id}: {response.StatusCode}");
            files[id] = await response.Content.ReadAsByteArrayAsync();
        }
        return files;
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public async ValueTask DisposeAsync()
    {
        foreach (var terminal in terminals) await terminal.DisposeAsync();
        await RunSh.DiscardClusterAsync(Path.Combine(Source, "postgres"));
        await RunSh.DiscardClusterAsync(Path.Combine(Restored, "postgres"));
        try { Directory.Delete(scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
