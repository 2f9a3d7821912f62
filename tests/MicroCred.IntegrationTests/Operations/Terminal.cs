using System.Diagnostics;
using System.Net.Sockets;

namespace MicroCred.IntegrationTests.Operations;

/// <summary>
/// A real terminal: a private tmux server (its own socket, never a developer's) running one command in a pane,
/// so a test can press keys (Ctrl-C reaches the pane's foreground process group as it would at a keyboard),
/// read the screen and see how the command ended.
/// </summary>
public sealed class Terminal : IAsyncDisposable
{
    private readonly string socket;
    private readonly string statusFile;
    private const string Session = "t";

    private Terminal(string socket, string statusFile) => (this.socket, this.statusFile) = (socket, statusFile);

    public static async Task<Terminal> StartAsync(string workingDirectory, string command, IDictionary<string, string?> environment, string scratch)
    {
        var config = Path.Combine(scratch, "tmux.conf");
        // The pane stays after its command ends, so its exit status and last output can be read.
        await File.WriteAllTextAsync(config, "set -g remain-on-exit on\nset -g history-limit 10000\n");
        // A file of its own: a terminal started later in the same folder must not read this one's status.
        var terminal = new Terminal(Path.Combine(scratch, "tmux.sock"), Path.Combine(scratch, $"exit-status-{Guid.NewGuid():N}"));
        // tmux 3.3 sometimes marks the pane dead without ever recording its status (pane_dead_status and
        // pane_dead_signal both empty), so a shell in the pane writes the command's status itself. Its traps run
        // handlers (reset to default in the command, unlike an ignored signal), so Ctrl-C reaches the command as usual.
        var wrapped = $"trap : INT TERM HUP QUIT; {command}; echo $? > '{terminal.statusFile}'";
        await terminal.TmuxAsync(environment, "-f", config, "new-session", "-d", "-s", Session, "-x", "200", "-y", "50", "-c", workingDirectory, wrapped);
        return terminal;
    }

    /// <summary>The shell the pane runs (the command is its child).</summary>
    public async Task<int> PanePidAsync() => int.Parse(await DisplayAsync("#{pane_pid}"));

    public Task PressCtrlCAsync() => TmuxAsync(null, "send-keys", "-t", Session, "C-c");

    public async Task<string> ScreenAsync() => await TmuxAsync(null, "capture-pane", "-p", "-J", "-S", "-", "-t", Session);

    /// <summary>Waits for the pane's command to end and returns its exit status.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(statusFile) && (await File.ReadAllTextAsync(statusFile)).Trim() is { Length: > 0 } status) return int.Parse(status);
            await Task.Delay(100);
        }
        throw new TimeoutException($"The command in the terminal was still running after {timeout.TotalSeconds:0} s. Screen:\n{await ScreenAsync()}");
    }

    private async Task<string> DisplayAsync(string format) => (await TmuxAsync(null, "display-message", "-p", "-t", Session, format)).Trim();

    private async Task<string> TmuxAsync(IDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-S");
        start.ArgumentList.Add(socket);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The server, started by the first command, hands its environment to the pane.
        start.Environment.Remove("TMUX");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value is null) start.Environment.Remove(name); else start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tmux did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }

    public async ValueTask DisposeAsync()
    {
        try { await TmuxAsync(null, "kill-server"); } catch (InvalidOperationException) { } // already gone
    }

    /// <summary>Whether something accepts connections on a local port.</summary>
    public static bool Listens(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
