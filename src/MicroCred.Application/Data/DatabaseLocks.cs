using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace MicroCred.Application.Data;

/// <summary>
/// PostgreSQL advisory locks: how app instances sharing one database agree that only one of them does a piece of work
/// (an upload's next bytes, an import, a district's assignment run). Each lock is held by a transaction on a connection
/// of its own (<c>pg_advisory_xact_lock</c>), so it is released when the holder finishes, and also when its instance
/// dies (the server ends the session); transaction-scoped locks also work through a pooler in transaction mode.
/// </summary>
public sealed class DatabaseLocks : IAsyncDisposable
{
    private readonly NpgsqlDataSource source;

    public DatabaseLocks(string connectionString) =>
        source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "microcred-locks" }.ConnectionString);

    /// <summary>A stable 64-bit key for <paramref name="purpose"/> (and a thing it is about): the same on every instance.</summary>
    public static long Key(string purpose, Guid? about = null)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(purpose + ":" + about?.ToString("N")), hash);
        return BitConverter.ToInt64(hash[..8]);
    }

    /// <summary>The lock when nobody holds it; null at once when another holder (any instance) has it.</summary>
    public async Task<DatabaseLock?> TryAcquireAsync(long key, CancellationToken ct)
    {
        var held = await BeginAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", held.Connection, held.Transaction);
            command.Parameters.AddWithValue("key", key);
            if ((bool)(await command.ExecuteScalarAsync(ct))!) return held;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
        await held.DisposeAsync();
        return null;
    }

    /// <summary>The lock, waiting up to <paramref name="wait"/> for its holder to let go; null when it did not in time.</summary>
    public async Task<DatabaseLock?> AcquireAsync(long key, TimeSpan wait, CancellationToken ct)
    {
        var held = await BeginAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(
                "SELECT set_config('lock_timeout', @timeout, true); SELECT pg_advisory_xact_lock(@key)", held.Connection, held.Transaction);
            command.Parameters.AddWithValue("timeout", Math.Max(1, (long)wait.TotalMilliseconds) + "ms");
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(ct);
            return held;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            await held.DisposeAsync();
            return null;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends a notification to every instance listening (see <see cref="DatabaseNotifications"/>), at once.</summary>
    public async Task NotifyAsync(string channel, string payload, CancellationToken ct)
    {
        await using var command = source.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", channel);
        command.Parameters.AddWithValue("payload", payload);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<DatabaseLock> BeginAsync(CancellationToken ct)
    {
        var connection = await source.OpenConnectionAsync(ct);
        try
        {
            return new DatabaseLock(connection, await connection.BeginTransactionAsync(ct));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => source.DisposeAsync();
}

/// <summary>A held advisory lock; disposing it lets go.</summary>
public sealed class DatabaseLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
{
    internal NpgsqlConnection Connection { get; } = connection;
    internal NpgsqlTransaction Transaction { get; } = transaction;
    private bool disposed;

    public async ValueTask DisposeAsync()
    {
        if (disposed) return;
        disposed = true;
        try
        {
            // Nothing was written in this transaction: ending it only releases the lock.
            await Transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The connection broke: the server ended the session, and the lock with it.
        }
        finally
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
    }
}
