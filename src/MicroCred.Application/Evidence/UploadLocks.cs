using System.Diagnostics;
using MicroCred.Application.Data;
using MicroCred.Domain.Evidence;

namespace MicroCred.Application.Evidence;

/// <summary>
/// One request at a time per upload, as the tus protocol asks. A request that needs an upload first asks the
/// request holding it to let go (that one stops reading its body, keeps what arrived and records it), then
/// waits for it: a client that reconnects after a silent network drop takes over from its own stale request
/// at once, and learns the true offset.
/// Across instances the holder is whoever has the upload's PostgreSQL advisory lock (<see cref="DatabaseLocks"/>); a
/// request that finds it held elsewhere asks that instance to let go through a notification, then waits for the lock.
/// Within one instance requests queue in process first, so only one of them at a time asks the database. The row
/// version on the upload session still refuses a second writer's offset.
/// </summary>
public sealed class UploadLocks
{
    private readonly Dictionary<Guid, Entry> entries = [];
    private readonly DatabaseLocks database;
    private readonly Guid instance;

    public UploadLocks(DatabaseLocks database, DatabaseNotifications notifications)
    {
        this.database = database;
        instance = notifications.InstanceId;
        notifications.Subscribe(DatabaseNotifications.UploadChannel, payload =>
        {
            var parts = payload.Split(':');
            if (parts.Length == 2 && Guid.TryParse(parts[0], out var sender) && sender != instance && Guid.TryParse(parts[1], out var upload))
                LetGo(upload);
        });
    }

    /// <summary>Another instance wants the upload: the request holding it here stops reading and records what arrived.</summary>
    private void LetGo(Guid uploadId)
    {
        CancellationTokenSource? holder;
        lock (entries) holder = entries.TryGetValue(uploadId, out var entry) ? entry.Holder : null;
        try { holder?.Cancel(); }
        catch (ObjectDisposedException) { }
    }

    public async Task<Lease> AcquireAsync(Guid uploadId, TimeSpan wait, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        Entry entry;
        CancellationTokenSource? holder;
        lock (entries)
        {
            if (!entries.TryGetValue(uploadId, out entry!)) entries[uploadId] = entry = new Entry();
            entry.Users++;
            holder = entry.Holder;
        }
        try { holder?.Cancel(); }
        catch (ObjectDisposedException) { }

        var acquired = false;
        try
        {
            acquired = await entry.Gate.WaitAsync(wait, ct);
        }
        finally
        {
            if (!acquired) Leave(uploadId, entry, null);
        }
        if (!acquired) throw Busy();

        DatabaseLock? shared = null;
        try
        {
            var key = DatabaseLocks.Key("upload", uploadId);
            shared = await database.TryAcquireAsync(key, ct);
            if (shared is null)
            {
                await database.NotifyAsync(DatabaseNotifications.UploadChannel, $"{instance}:{uploadId}", ct);
                var left = wait - waited.Elapsed;
                shared = await database.AcquireAsync(key, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), ct);
            }
        }
        finally
        {
            if (shared is null)
            {
                Leave(uploadId, entry, null);
                entry.Gate.Release();
            }
        }
        if (shared is null) throw Busy();

        var released = new CancellationTokenSource();
        lock (entries)
        {
            entry.Holder = released;
            // Someone queued behind us while we waited: they are the newer request, so we only pass through.
            if (entry.Users > 1) released.Cancel();
        }
        return new Lease(this, uploadId, entry, released, shared);
    }

    private static UploadRefusedException Busy() =>
        new(UploadProblem.Busy, "This file is still being received from an earlier attempt. Try again in a moment.");

    private void Leave(Guid uploadId, Entry entry, CancellationTokenSource? released)
    {
        lock (entries)
        {
            if (released is not null && entry.Holder == released) entry.Holder = null;
            if (--entry.Users == 0) entries.Remove(uploadId);
        }
    }

    internal sealed class Entry
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Users;
        public CancellationTokenSource? Holder;
    }

    /// <summary>Holding an upload. <see cref="Released"/> fires when another request asks for it.</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly UploadLocks owner;
        private readonly Guid uploadId;
        private readonly Entry entry;
        private readonly CancellationTokenSource released;
        private readonly DatabaseLock shared;
        private bool disposed;

        internal Lease(UploadLocks owner, Guid uploadId, Entry entry, CancellationTokenSource released, DatabaseLock shared) =>
            (this.owner, this.uploadId, this.entry, this.released, this.shared) = (owner, uploadId, entry, released, shared);

        public CancellationToken Released => released.Token;

        public async ValueTask DisposeAsync()
        {
            if (disposed) return;
            disposed = true;
            await shared.DisposeAsync();
            owner.Leave(uploadId, entry, released);
            entry.Gate.Release();
            released.Dispose();
        }
    }
}
