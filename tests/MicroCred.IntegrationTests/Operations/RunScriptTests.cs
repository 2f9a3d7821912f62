using System.Diagnostics;

namespace MicroCred.IntegrationTests.Operations;

/// <summary>One data folder and cluster port for the class; the first test to run pays for creating and seeding them.</summary>
public sealed class RunScriptFixture : IAsyncDisposable
{
    public string Scratch { get; } = Directory.CreateTempSubdirectory("microcred-runsh-").FullName;
    public string Data => Path.Combine(Scratch, "data");
    public string ClusterDirectory => Path.Combine(Data, "postgres");
    public int PgPort { get; } = RunSh.FreePort();

    public async ValueTask DisposeAsync()
    {
        await RunSh.DiscardClusterAsync(ClusterDirectory); // normally run.sh stopped it; after a failed test it may still run
        try { Directory.Delete(Scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary><c>./run.sh</c> in a real terminal: one Ctrl-C, or one SIGTERM to the script, stops everything it started.</summary>
public sealed class RunScriptTests(RunScriptFixture fixture) : IClassFixture<RunScriptFixture>
{
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

    private async Task<RunSh> StartAsync()
    {
        var run = await RunSh.StartAsync(fixture.Data, fixture.PgPort, RunSh.FreePort(fixture.PgPort), Path.Combine(fixture.Scratch, "terminal"));
        Assert.True(Terminal.Listens(fixture.PgPort), "run.sh's private cluster listens while the app runs");
        return run;
    }

    private async Task AssertStoppedAsync(RunSh run)
    {
        var screen = await run.Terminal.ScreenAsync();
        // The host's own shutdown message: the app heard the signal and stopped through its lifetime, not killed.
        Assert.Contains("Application is shutting down", screen);
        Assert.False(File.Exists($"/proc/{run.AppPid}/stat"), $"the app (pid {run.AppPid}) is gone, not orphaned");
        Assert.False(Terminal.Listens(run.AppPort), "the app's port is free again");
        Assert.False(Terminal.Listens(fixture.PgPort), "the private cluster is stopped");
        Assert.False(File.Exists(Path.Combine(fixture.ClusterDirectory, "postmaster.pid")));
    }
}
