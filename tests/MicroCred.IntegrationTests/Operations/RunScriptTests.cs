using System.Diagnostics;

namespace MicroCred.IntegrationTests.Operations;

/// <summary>
/// <c>./run.sh</c> in a real terminal (tmux), on a data folder and ports of its own so a developer's <c>.data/</c> and
/// running app are never touched. The first test to run pays for creating the cluster and seeding the demo.
/// </summary>
public sealed class RunScriptFixture : IAsyncDisposable
{
    public RunScriptFixture()
    {
        Root = RepositoryRoot();
        Scratch = Directory.CreateTempSubdirectory("microcred-runsh-").FullName;
        Data = Path.Combine(Scratch, "data");
    }

    public string Root { get; }
    public string Scratch { get; }
    public string Data { get; }
    public string ClusterDirectory => Path.Combine(Data, "postgres");
    public int PgPort { get; } = Terminal.FreePort();

    /// <summary>The environment run.sh gets: this folder and ports, the private-cluster path, the build already made.</summary>
    public Dictionary<string, string?> Environment(int appPort)
    {
        var release = Path.Combine(Root, "src/MicroCred.Web/bin/Release/net10.0/MicroCred.Web.dll");
        return new Dictionary<string, string?>
        {
            ["MICROCRED_DATA"] = Data,
            ["PORT"] = appPort.ToString(),
            ["MICROCRED_PG_PORT"] = PgPort.ToString(),
            ["MICROCRED_SKIP_BUILD"] = File.Exists(release) ? "1" : null,
            ["MICROCRED_DB"] = null,
            ["MICROCRED_ROOT"] = null,
            ["ASPNETCORE_ENVIRONMENT"] = null,
            ["ASPNETCORE_URLS"] = null,
            // The private cluster, not docker compose, even where a Docker engine answers.
            ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock",
        };
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "run.sh")) && File.Exists(Path.Combine(dir.FullName, "MicroCred.sln"))) return dir.FullName;
        throw new InvalidOperationException("run.sh not found above the test's folder.");
    }

    public async ValueTask DisposeAsync()
    {
        // Normally run.sh stopped its cluster; after a failed test it may still run.
        if (File.Exists(Path.Combine(ClusterDirectory, "postmaster.pid")))
        {
            var stop = new ProcessStartInfo("bash") { WorkingDirectory = Root, UseShellExecute = false };
            stop.ArgumentList.Add("-c");
            stop.ArgumentList.Add("source scripts/postgres.sh && discard_private_cluster \"$1\"");
            stop.ArgumentList.Add("bash");
            stop.ArgumentList.Add(ClusterDirectory);
            stop.Environment["MICROCRED_ROOT"] = Root;
            using var process = Process.Start(stop)!;
            await process.WaitForExitAsync();
        }
        try { Directory.Delete(Scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

public sealed class RunScriptTests(RunScriptFixture fixture) : IClassFixture<RunScriptFixture>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task One_ctrl_c_in_a_terminal_stops_the_app_gracefully_then_its_database_and_the_script_ends()
    {
        var run = await StartAsync();
        await using var terminal = run.Terminal;

        await terminal.PressCtrlCAsync();

        Assert.Equal(130, await terminal.WaitForExitAsync(StopTimeout));
        await AssertStoppedAsync(run);
    }

    [Fact]
    public async Task One_SIGTERM_to_the_script_stops_the_app_gracefully_then_its_database_and_the_script_ends()
    {
        var run = await StartAsync();
        await using var terminal = run.Terminal;

        using (var kill = Process.Start("kill", ["-TERM", run.ScriptPid.ToString()])) await kill.WaitForExitAsync();

        Assert.Equal(143, await terminal.WaitForExitAsync(StopTimeout));
        await AssertStoppedAsync(run);
    }

    private sealed record Run(Terminal Terminal, int ScriptPid, int AppPid, int AppPort);

    private async Task<Run> StartAsync()
    {
        var appPort = Terminal.FreePort();
        var terminal = await Terminal.StartAsync(fixture.Root, "exec ./run.sh", fixture.Environment(appPort), fixture.Scratch);
        var scriptPid = await terminal.PanePidAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{appPort}/health/ready")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline || !File.Exists($"/proc/{scriptPid}/stat"))
            {
                var screen = await terminal.ScreenAsync();
                await terminal.DisposeAsync();
                Assert.Fail($"./run.sh did not serve on port {appPort}. Screen:\n{screen}");
            }
            await Task.Delay(250);
        }
        var app = ChildrenOf(scriptPid).Single(pid => CommandLine(pid).Contains("MicroCred.Web.dll"));
        Assert.True(Terminal.Listens(fixture.PgPort), "run.sh's private cluster listens while the app runs");
        return new Run(terminal, scriptPid, app, appPort);
    }

    private async Task AssertStoppedAsync(Run run)
    {
        var screen = await run.Terminal.ScreenAsync();
        // The host's own shutdown message: the app heard the signal and stopped through its lifetime, not killed.
        Assert.Contains("Application is shutting down", screen);
        Assert.False(File.Exists($"/proc/{run.AppPid}/stat"), $"the app (pid {run.AppPid}) is gone, not orphaned");
        Assert.False(Terminal.Listens(run.AppPort), "the app's port is free again");
        Assert.False(Terminal.Listens(fixture.PgPort), "the private cluster is stopped");
        Assert.False(File.Exists(Path.Combine(fixture.ClusterDirectory, "postmaster.pid")));
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string stat;
            try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; }
            // "pid (comm) state ppid …": the command name may hold spaces and parentheses.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1]) == parent) yield return pid;
        }
    }

    private static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' '); } catch (IOException) { return ""; }
    }
}
