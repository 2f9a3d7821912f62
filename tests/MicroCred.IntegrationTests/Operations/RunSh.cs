using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MicroCred.IntegrationTests.Operations;

/// <summary>
/// <c>./run.sh</c> running in a real terminal (tmux) on a data folder and ports of its own, so a developer's
/// <c>.data/</c> and running app are never touched; and the operator scripts run against such a folder.
/// </summary>
public sealed partial class RunSh
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private RunSh(Terminal terminal, int scriptPid, int appPid, int appPort)
    {
        Terminal = terminal;
        ScriptPid = scriptPid;
        AppPid = appPid;
        AppPort = appPort;
    }

    public Terminal Terminal { get; }
    public int ScriptPid { get; }
    public int AppPid { get; }
    public int AppPort { get; }
    public Uri BaseAddress => new($"http://localhost:{AppPort}/");

    public static string Root { get; } = FindRoot();

    /// <summary>The environment the scripts get: this data folder and ports, the private-cluster path, the build already made.</summary>
    public static Dictionary<string, string?> Environment(string data, int pgPort, int? appPort = null)
    {
        var release = Path.Combine(Root, "src/MicroCred.Web/bin/Release/net10.0/MicroCred.Web.dll");
        return new Dictionary<string, string?>
        {
            ["MICROCRED_DATA"] = data,
            ["PORT"] = appPort?.ToString(),
            ["MICROCRED_PG_PORT"] = pgPort.ToString(),
            ["MICROCRED_SKIP_BUILD"] = File.Exists(release) ? "1" : null,
            ["MICROCRED_DB"] = null,
            ["MICROCRED_ROOT"] = null,
            ["ASPNETCORE_ENVIRONMENT"] = null,
            ["ASPNETCORE_URLS"] = null,
            // The private cluster, not docker compose, even where a Docker engine answers.
            ["DOCKER_HOST"] = "unix:///nonexistent/docker.sock",
        };
    }

    /// <summary>Starts <c>./run.sh</c> in a new terminal and waits until the app is ready.</summary>
    public static async Task<RunSh> StartAsync(string data, int pgPort, int appPort, string scratch, IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(scratch);
        var environment = Environment(data, pgPort, appPort);
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>()) environment[name] = value;
        var terminal = await Terminal.StartAsync(Root, "./run.sh", environment, scratch);
        var shell = await terminal.PanePidAsync();
        var scriptPid = 0;
        for (var tries = 0; scriptPid == 0 && tries < 100; tries++)
        {
            scriptPid = ChildrenOf(shell).FirstOrDefault(pid => CommandLine(pid).Contains("run.sh"));
            if (scriptPid == 0) await Task.Delay(50);
        }
        if (scriptPid == 0) Assert.Fail("./run.sh did not start in the terminal.");
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
        return new RunSh(terminal, scriptPid, app, appPort);
    }

    /// <summary>The badge URLs run.sh printed ("Demo badge: …", "Demo revoked badge: …").</summary>
    public async Task<(string Badge, string Revoked)> DemoBadgesAsync()
    {
        // Printed just after the app reports it started: wait for the line rather than assume it is there.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var screen = await Terminal.ScreenAsync();
            var badge = DemoBadge().Match(screen);
            var revoked = DemoRevokedBadge().Match(screen);
            if (badge.Success && revoked.Success) return (badge.Groups[1].Value, revoked.Groups[1].Value);
            if (DateTime.UtcNow > deadline) Assert.Fail("run.sh printed no demo badges. Screen:\n" + screen);
            await Task.Delay(100);
        }
    }

    /// <summary>Presses Ctrl-C and waits for the script to end; returns its exit status.</summary>
    public async Task<int> StopAsync()
    {
        await Terminal.PressCtrlCAsync();
        return await Terminal.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    [GeneratedRegex(@"^Demo badge: (\S+)", RegexOptions.Multiline)]
    private static partial Regex DemoBadge();

    [GeneratedRegex(@"^Demo revoked badge: (\S+)", RegexOptions.Multiline)]
    private static partial Regex DemoRevokedBadge();

    /// <summary>Runs a script of the repository (e.g. scripts/backup.sh) and returns its output; fails the test when it fails.</summary>
    public static async Task<string> ScriptAsync(string script, IDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name); else start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{script} failed ({process.ExitCode}):\n{await output}\n{await error}");
        return await output;
    }

    /// <summary>Stops and deletes a private cluster a failed test may have left running.</summary>
    public static async Task DiscardClusterAsync(string cluster)
    {
        if (!File.Exists(Path.Combine(cluster, "postmaster.pid"))) return;
        var stop = new ProcessStartInfo("bash") { WorkingDirectory = Root, UseShellExecute = false };
        stop.ArgumentList.Add("-c");
        stop.ArgumentList.Add("source scripts/postgres.sh && discard_private_cluster \"$1\"");
        stop.ArgumentList.Add("bash");
        stop.ArgumentList.Add(cluster);
        stop.Environment["MICROCRED_ROOT"] = Root;
        using var process = Process.Start(stop)!;
        await process.WaitForExitAsync();
    }

    public static int FreePort(params int[] taken)
    {
        while (true)
        {
            var port = Terminal.FreePort();
            if (!taken.Contains(port)) return port;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "run.sh")) && File.Exists(Path.Combine(dir.FullName, "MicroCred.sln"))) return dir.FullName;
        throw new InvalidOperationException("run.sh not found above the test's folder.");
    }

    public static IEnumerable<int> ChildrenOf(int parent)
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
