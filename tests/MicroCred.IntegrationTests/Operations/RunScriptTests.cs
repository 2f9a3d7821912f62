using System.Diagnostics;
using System.Net;
using System.Text;
using MicroCred.IntegrationTests.Evidence;

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

    [Fact]
    public async Task An_app_that_does_not_stop_after_ctrl_c_is_killed_after_the_grace_period_and_the_script_still_ends()
    {
        var run = await StartAsync(new Dictionary<string, string?> { ["MICROCRED_STOP_GRACE"] = "2" });
        await using var terminal = run.Terminal;
        await SignalAsync("STOP", run.AppPid); // a hung app: it cannot act on the signal

        await terminal.PressCtrlCAsync();

        Assert.Equal(130, await terminal.WaitForExitAsync(StopTimeout));
        Assert.Contains("did not stop in time", await terminal.ScreenAsync());
        Assert.False(File.Exists($"/proc/{run.AppPid}/stat"), $"the app (pid {run.AppPid}) is gone");
        Assert.False(Terminal.Listens(run.AppPort), "the app's port is free again");
        Assert.False(Terminal.Listens(fixture.PgPort), "the private cluster is stopped");
    }

    [Fact]
    public async Task On_SIGTERM_an_upload_in_flight_finishes_before_the_app_stops()
    {
        var run = await StartAsync();
        await using var terminal = run.Terminal;
        using var tus = await TusClient.ForAsync(run.BaseAddress, "earner@springfield.test", "springfield");
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"Line {i} of my lesson notes.")));
        var url = await tus.StartAsync(bytes.Length, "notes.txt");
        await using var body = new GatedStream(bytes, bytes.Length / 2);
        var patch = tus.PatchAsync(url, 0, body, bytes.Length);
        await body.GateReached.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        await SignalAsync("TERM", run.AppPid);
        // Shutdown has begun: the app takes no new connections, while the upload is still being received.
        await WaitForAsync(() => !Terminal.Listens(run.AppPort), "the app stops listening");
        Assert.False(patch.IsCompleted);
        body.Open();

        using var response = await patch;
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(bytes.Length.ToString(), response.Headers.GetValues("Upload-Offset").Single());
        Assert.Equal(0, await terminal.WaitForExitAsync(StopTimeout)); // the app ended cleanly, then the script
        var stored = Directory.EnumerateFiles(Path.Combine(fixture.Data, "storage"), TusClient.UploadIdOf(url).ToString(), SearchOption.AllDirectories)
            .Single(f => f.Contains("/files/"));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(stored, TestContext.Current.CancellationToken));
        await AssertStoppedAsync(run);
    }

    [Fact]
    public async Task A_request_stuck_longer_than_the_shutdown_timeout_does_not_hold_the_app_up()
    {
        var run = await StartAsync(new Dictionary<string, string?> { ["Shutdown__Timeout"] = "00:00:02" });
        await using var terminal = run.Terminal;
        using var tus = await TusClient.ForAsync(run.BaseAddress, "earner@springfield.test", "springfield");
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Range(0, 5_000).Select(i => $"Line {i} of a stuck upload.")));
        var url = await tus.StartAsync(bytes.Length, "stuck.txt");
        await using var body = new GatedStream(bytes, bytes.Length / 2);
        var patch = tus.PatchAsync(url, 0, body, bytes.Length);
        await body.GateReached.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var stopping = Stopwatch.StartNew();
        await SignalAsync("TERM", run.AppPid);
        // The app is told to give requests 2 s; the default (30 s) would keep it up past this limit, which leaves room for a busy machine.
        await terminal.WaitForExitAsync(TimeSpan.FromSeconds(25));
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(25), $"stopped after {stopping.Elapsed}");
        body.Open();
        await Assert.ThrowsAnyAsync<Exception>(async () => (await patch).EnsureSuccessStatusCode());
        await AssertStoppedAsync(run);
    }

    private static async Task SignalAsync(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString()]);
        await kill.WaitForExitAsync();
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(50);
        }
    }

    /// <summary>A request body that sends its first part, then waits until the test opens the gate.</summary>
    private sealed class GatedStream(byte[] bytes, int gate) : Stream
    {
        private readonly TaskCompletionSource reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int position;

        public Task GateReached => reached.Task;
        public void Open() => open.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (position == gate)
            {
                reached.TrySetResult();
                await open.Task.WaitAsync(ct);
            }
            var end = position < gate ? gate : bytes.Length;
            var count = Math.Min(buffer.Length, end - position);
            bytes.AsMemory(position, count).CopyTo(buffer);
            position += count;
            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => bytes.Length;
        public override long Position { get => position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private async Task<RunSh> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var run = await RunSh.StartAsync(fixture.Data, fixture.PgPort, RunSh.FreePort(fixture.PgPort), Path.Combine(fixture.Scratch, "terminal"), settings);
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
