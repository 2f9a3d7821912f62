using MicroCred.Domain.Evidence;

namespace MicroCred.Application.Evidence;

/// <summary>
/// One request at a time per upload, as the tus protocol asks. A request that needs an upload first asks the
/// request holding it to let go (that one stops reading its body, keeps what arrived and records it), then
/// waits for it: a client that reconnects after a silent network drop takes over from its own stale request
/// at once, and learns the true offset.
/// The lock is per process. Run several instances with the upload's requests routed to one of them (sticky
/// sessions on the upload URL), or replace this with a distributed lock; the row version on the upload session
/// still refuses a second writer's offset.
/// </summary>
public sealed class UploadLocks
{
    private readonly Dictionary<Guid, Entry> entries = [];

    public async Task<Lease> AcquireAsync(Guid uploadId, TimeSpan wait, CancellationToken ct)
    {
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
        if (!acquired) throw new UploadRefusedException(UploadProblem.Busy, "This file is still being received from an earlier attempt. Try again in a moment.");

        var released = new CancellationTokenSource();
        lock (entries)
        {
            entry.Holder = released;
            // Someone queued behind us while we waited: they are the newer request, so we only pass through.
            if (entry.Users > 1) released.Cancel();
        }
        return new Lease(this, uploadId, entry, released);
    }

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
        private bool disposed;

        internal Lease(UploadLocks owner, Guid uploadId, Entry entry, CancellationTokenSource released) =>
            (this.owner, this.uploadId, this.entry, this.released) = (owner, uploadId, entry, released);

        public CancellationToken Released => released.Token;

        public ValueTask DisposeAsync()
        {
            if (disposed) return ValueTask.CompletedTask;
            disposed = true;
            owner.Leave(uploadId, entry, released);
            entry.Gate.Release();
            released.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
