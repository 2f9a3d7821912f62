using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MicroCred.Application.Data;

/// <summary>
/// Listens, on a PostgreSQL connection of its own (never one of EF's pooled connections), for the notifications app
/// instances send one another through <c>LISTEN/NOTIFY</c>: a public document changed (drop it from the cache), an
/// upload is wanted elsewhere (let go of it). A notification sent inside a transaction arrives only when it commits.
/// While the connection is lost notifications are missed, so <see cref="Reconnected"/> tells subscribers to drop
/// whatever they keep (the connection is re-established with a growing pause).
/// </summary>
public sealed class DatabaseNotifications(string connectionString, ILogger<DatabaseNotifications> logger) : BackgroundService
{
    public const string CacheChannel = "microcred_cache";
    public const string UploadChannel = "microcred_upload";

    /// <summary>This instance (app host), so it can ignore the requests it sent itself.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<string, Action<string>> handlers = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Raised when the listening connection was lost (and again once it is back): notifications may have been missed.</summary>
    public event Action? Reconnected;

    /// <summary>Completes once the first LISTEN is in place (tests wait for it before relying on notifications).</summary>
    public Task Listening => listening.Task;

    /// <summary>Whether the listening connection is up now.</summary>
    public bool IsListening { get; private set; }

    /// <summary>Calls <paramref name="handler"/> with the payload of every notification on <paramref name="channel"/>.</summary>
    public void Subscribe(string channel, Action<string> handler) => handlers.AddOrUpdate(channel, handler, (_, existing) => existing + handler);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "microcred-listener" }.ConnectionString;
        var pause = TimeSpan.FromMilliseconds(250);
        var wasConnected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(settings);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Channel, e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {CacheChannel}; LISTEN {UploadChannel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                IsListening = true;
                if (wasConnected) logger.LogInformation("Listening for other instances' changes again");
                wasConnected = true;
                RaiseReconnected(); // changes made before this LISTEN (while the connection was down, or before the first) were not heard
                pause = TimeSpan.FromMilliseconds(250);
                listening.TrySetResult();
                while (!stoppingToken.IsCancellationRequested)
                {
                    // A quiet connection is checked now and then, so a silently dropped one is noticed.
                    if (!await connection.WaitAsync(Heartbeat, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (IsListening) RaiseReconnected();
                IsListening = false;
                logger.LogWarning(e, "Lost the connection that hears other instances' changes; reconnecting in {Pause}", pause);
                try { await Task.Delay(pause, stoppingToken); }
                catch (OperationCanceledException) { break; }
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
        IsListening = false;
    }

    private void Dispatch(string channel, string payload)
    {
        if (!handlers.TryGetValue(channel, out var handler)) return;
        try
        {
            handler(payload);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not act on notification {Channel} {Payload}", channel, payload);
        }
    }

    private void RaiseReconnected()
    {
        try
        {
            Reconnected?.Invoke();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not drop what was kept while notifications were missed");
        }
    }
}
