using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Issuing;
using MicroCred.IntegrationTests.Evidence;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.IntegrationTests.Issuing;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MicroCred.IntegrationTests.Operations;

/// <summary>
/// Two real app hosts (two Kestrel ports) on one database and one file store, as behind a load balancer: <see cref="AppFixture.App"/>
/// is instance A, <see cref="B"/> instance B. Both run every background job, and both deliver email to one SMTP sink.
/// </summary>
public sealed class TwoInstanceFixture : AppFixture
{
    public SmtpSink Smtp { get; } = new();
    public MicroCredApp B { get; private set; } = default!;
    private readonly string storage = Directory.CreateTempSubdirectory("microcred-shared-store-").FullName;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Root"] = storage,
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:Security"] = "None",
        ["Smtp:PollInterval"] = "00:00:00.2",
        // The import test decides when the runners start (both at once); no periodic sweep.
        ["Issuing:Import:SweepInterval"] = "00:00:00",
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        B = new MicroCredApp(App.Database, extra: Settings).Start();
        await Task.WhenAll(Listening(App), Listening(B)).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public static Task Listening(MicroCredApp app) => app.Services.GetRequiredService<DatabaseNotifications>().Listening;

    public override async ValueTask DisposeAsync()
    {
        if (B is not null) await B.DisposeAsync();
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        try { Directory.Delete(storage, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Many instances, one truth: caches, uploads, the email outbox and imports stay right with two instances.</summary>
public sealed class TwoInstanceTests(TwoInstanceFixture fixture) : IClassFixture<TwoInstanceFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(2);

    private static HttpClient Client(MicroCredApp app) => new() { BaseAddress = app.BaseAddress };

    /// <summary>Polls <paramref name="url"/> until it answers <paramref name="status"/>; returns how long that took, or fails after <paramref name="within"/>.</summary>
    private static async Task<TimeSpan> UntilAsync(HttpClient client, string url, HttpStatusCode status, TimeSpan within, string accept = "application/ld+json")
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode last;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd(accept);
            using var response = await client.SendAsync(request);
            last = response.StatusCode;
            if (last == status) return clock.Elapsed;
            await Task.Yield();
        } while (clock.Elapsed < within);
        Assert.Fail($"{url} still answered {(int)last} after {within.TotalSeconds} s, not {(int)status}");
        return clock.Elapsed;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string url, string accept = "application/ld+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_badge_revoked_through_A_answers_410_Gone_from_B_within_two_seconds()
    {
        var id = await fixture.IssueAsync(DesignSeed.VirtualOrganizing);
        using var a = Client(fixture.App);
        using var b = Client(fixture.B);
        var json = $"/public/assertions/{id}.json";
        var page = $"/public/assertions/{id}";
        // B keeps the document and the page in its caches (each is good for ten minutes there).
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, json));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, page, "text/html"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, json));

        await fixture.RevokeAsync(id, "Issued to the wrong teacher.");

        Assert.Equal(HttpStatusCode.Gone, await StatusAsync(a, json)); // the instance that made the change, at once
        await UntilAsync(b, json, HttpStatusCode.Gone, Soon);
        await UntilAsync(b, page, HttpStatusCode.Gone, Soon, "text/html");
    }

    [Fact]
    public async Task An_instance_that_lost_its_listening_connection_drops_its_whole_cache_when_it_is_back()
    {
        var id = await fixture.IssueAsync(DesignSeed.EquitableCulture);
        using var b = Client(fixture.B);
        var json = $"/public/assertions/{id}.json";
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, json));
        // A change nobody announced (as if its notification was sent while B was not listening): B keeps serving what it has.
        await new BadgeKit(fixture).Revoke(id, "springfield", "Changed while B was not listening.");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, json));

        var notifications = fixture.B.Services.GetRequiredService<DatabaseNotifications>();
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        notifications.Reconnected += () => dropped.TrySetResult();
        await using (var superuser = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(await TestPostgres.SuperuserAsync()) { Database = fixture.App.Database }.ConnectionString))
        {
            await superuser.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'microcred-listener'", superuser);
            Assert.Equal(2L, await kill.ExecuteScalarAsync()); // A's and B's listeners
        }
        await dropped.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await UntilAsync(b, json, HttpStatusCode.Gone, TimeSpan.FromSeconds(15));
        // Listening again: the next announced change reaches B as before.
        var next = await fixture.IssueAsync(DesignSeed.CollectiveLeadership);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, $"/public/assertions/{next}.json"));
        await fixture.RevokeAsync(next, "Announced after B was back.");
        await UntilAsync(b, $"/public/assertions/{next}.json", HttpStatusCode.Gone, Soon);
        Assert.True(notifications.IsListening);
    }

    [Fact]
    public async Task A_resumable_upload_whose_pieces_alternate_between_A_and_B_ends_byte_identical()
    {
        using var viaA = await TusClient.ForAsync(fixture.App.BaseAddress, "earner@springfield.test", "springfield");
        using var viaB = viaA.On(fixture.B.BaseAddress);
        var file = EvidenceSamples.Png(420, 420, seed: 17);
        Assert.True(file.Length > 200_000, "several pieces");
        var url = await viaA.StartAsync(file.Length, "two-instances.png");

        var offset = 0;
        var piece = 0;
        HttpResponseMessage? last = null;
        while (offset < file.Length)
        {
            var (writer, other) = piece++ % 2 == 0 ? (viaA, viaB) : (viaB, viaA);
            var count = Math.Min(48_000, file.Length - offset);
            last?.Dispose();
            last = await writer.PatchAsync(url, offset, file.AsSpan(offset, count).ToArray());
            Assert.True(last.StatusCode == HttpStatusCode.NoContent, $"PATCH {piece} at {offset}: {(int)last.StatusCode} {await last.Content.ReadAsStringAsync()}");
            offset = int.Parse(last.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
            Assert.Equal(offset, await other.OffsetAsync(url)); // the other instance knows where the upload stands
        }
        Assert.True(piece >= 4, "the pieces went to both instances more than once");

        var fileId = TusClient.FileIdOf(last!);
        last!.Dispose();
        var expected = Convert.ToHexStringLower(SHA256.HashData(file));
        await using (var scope = await fixture.As("earner@springfield.test", "springfield"))
            Assert.Equal(expected, (await AppFixture.Get<AppDbContext>(scope).StoredFiles.SingleAsync(f => f.Id == fileId)).Sha256);
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(await viaB.Http.GetByteArrayAsync($"/springfield/files/{fileId}"))));
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(await viaA.Http.GetByteArrayAsync($"/springfield/files/{fileId}"))));
    }

    [Fact]
    public async Task A_client_that_reconnects_through_B_takes_over_its_upload_from_a_stalled_request_on_A()
    {
        using var viaA = await TusClient.ForAsync(fixture.App.BaseAddress, "earner@springfield.test", "springfield");
        using var viaB = viaA.On(fixture.B.BaseAddress);
        var file = EvidenceSamples.Png(300, 300, seed: 23);
        var url = await viaA.StartAsync(file.Length, "stalled.png");
        var key = DatabaseLocks.Key("upload", TusClient.UploadIdOf(url));

        // A PATCH through A whose body stops arriving after 60 000 bytes (the network went quiet), holding the upload.
        var stalled = new StallingStream(file[..60_000]);
        var onA = viaA.PatchAsync(url, 0, stalled, file.Length);
        await stalled.Stalled.WaitAsync(TimeSpan.FromSeconds(30));
        await UntilLockedAsync(key, true);

        // The client comes back through B: B asks A to let go (NOTIFY), A records what arrived, and B answers at once.
        var clock = Stopwatch.StartNew();
        var offset = await viaB.OffsetAsync(url);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"B waited {clock.Elapsed} for A's stalled request (the lock wait is 30 s)");
        Assert.InRange(offset, 1, 60_000);
        // The old connection is finally given up on the client's side too (A's server side already let go).
        stalled.Cut();
        try { (await onA.WaitAsync(TimeSpan.FromSeconds(30))).Dispose(); }
        catch (Exception e) when (e is HttpRequestException or IOException) { }

        using var rest = await viaB.PatchAsync(url, offset, file[(int)offset..]);
        Assert.True(rest.StatusCode == HttpStatusCode.NoContent, $"{(int)rest.StatusCode} {await rest.Content.ReadAsStringAsync()}");
        Assert.Equal(file, await viaA.Http.GetByteArrayAsync($"/springfield/files/{TusClient.FileIdOf(rest)}"));
        await UntilLockedAsync(key, false);
    }

    /// <summary>Waits until the advisory lock <paramref name="key"/> is held by someone (or by nobody).</summary>
    private async Task UntilLockedAsync(long key, bool held)
    {
        await using var superuser = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(await TestPostgres.SuperuserAsync()) { Database = fixture.App.Database }.ConnectionString);
        await superuser.OpenAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var query = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND ((classid::bigint << 32) | objid::bigint) = @key", superuser);
            query.Parameters.AddWithValue("key", key);
            if ((long)(await query.ExecuteScalarAsync())! > 0 == held) return;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the upload's lock is still {(held ? "free" : "held")}");
            await Task.Delay(20);
        }
    }

    /// <summary>Gives its bytes, then waits (as a quiet network does) until the reader gives up or the connection is cut.</summary>
    private sealed class StallingStream(byte[] bytes) : MemoryStream(bytes)
    {
        private readonly TaskCompletionSource stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource cut = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Stalled => stalled.Task;

        public void Cut() => cut.TrySetException(new IOException("The connection was cut."));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            var read = await base.ReadAsync(buffer, ct);
            if (read > 0) return read;
            stalled.TrySetResult();
            await cut.Task.WaitAsync(ct);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
    }

    [Fact]
    public async Task An_advisory_lock_is_held_by_one_holder_across_instances_until_it_lets_go()
    {
        var onA = fixture.App.Services.GetRequiredService<DatabaseLocks>();
        var onB = fixture.B.Services.GetRequiredService<DatabaseLocks>();
        var key = DatabaseLocks.Key("test", Guid.NewGuid());
        Assert.NotEqual(key, DatabaseLocks.Key("test", Guid.NewGuid()));

        var held = await onA.TryAcquireAsync(key, CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await onB.TryAcquireAsync(key, CancellationToken.None));
        var clock = Stopwatch.StartNew();
        Assert.Null(await onB.AcquireAsync(key, TimeSpan.FromMilliseconds(300), CancellationToken.None)); // waited, then gave up
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"gave up after {clock.Elapsed}");

        var waiting = onB.AcquireAsync(key, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(next); // the waiter gets it as soon as the holder lets go
        Assert.Null(await onA.TryAcquireAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task With_both_dispatchers_running_each_queued_email_is_sent_exactly_once()
    {
        const int count = 60;
        var tag = "scale-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = fixture.App.Scope())
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestQueuesEmail", null);
            var outbox = AppFixture.Get<EmailOutbox>(scope);
            for (var i = 0; i < count; i++) outbox.Queue($"teacher{i}@springfield.test", $"{tag} message {i}", ["Hello."]);
            await db.SaveChangesAsync();
        }

        var clock = Stopwatch.StartNew();
        int sent;
        do
        {
            await using var scope = fixture.App.Scope();
            sent = await AppFixture.Get<AppDbContext>(scope).EmailMessages.CountAsync(m => m.Subject.StartsWith(tag) && m.SentAt != null);
            if (sent < count) await Task.Delay(100);
        } while (sent < count && clock.Elapsed < TimeSpan.FromSeconds(60));
        Assert.Equal(count, sent);

        List<string> delivered;
        lock (fixture.Smtp.Messages)
            delivered = fixture.Smtp.Messages.Select(m => SubjectOf(m.Data)).Where(s => s.StartsWith(tag, StringComparison.Ordinal)).ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{tag} message {i}").Order(), delivered.Order());
    }

    private static string SubjectOf(string data) =>
        data.Split("\r\n").Concat(data.Split('\n')).FirstOrDefault(l => l.StartsWith("Subject: ", StringComparison.Ordinal))?["Subject: ".Length..].Trim() ?? "";

    [Fact]
    public async Task An_import_started_once_is_run_once_when_both_instances_reach_for_it()
    {
        const string issuer = "issuer@springfield.test";
        var kit = new BadgeKit(fixture);
        var csv = new StringBuilder("email,credential,date\n");
        string[] people = ["casey.nguyen@springfield.test", "riley.chen@springfield.test", "sam.ortiz@springfield.test", "taylor.brooks@springfield.test"];
        foreach (var person in people) csv.Append(CultureInfo.InvariantCulture, $"{person},{DesignSeed.GoingPublic},2024-03-01\n");
        Guid id;
        await using (var scope = await fixture.As(issuer, "springfield"))
            id = await AppFixture.Get<ISender>(scope).Send(new PreviewBadgeImport("records.csv", Encoding.UTF8.GetBytes(csv.ToString())));
        await using (var scope = await fixture.As(issuer, "springfield"))
        {
            // Started without waking a runner, as if the instance that took the click stopped at once.
            var db = AppFixture.Get<AppDbContext>(scope);
            using var audit = AppFixture.Get<AuditScope>(scope).Begin("TestStartImport", null);
            (await db.BadgeImports.SingleAsync(i => i.Id == id)).Start(await fixture.UserId(issuer), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var (districtId, _) = await fixture.District("springfield");
        var work = new ImportWork(districtId, "springfield", id);
        await Task.WhenAll(
            Task.Run(() => fixture.App.Services.GetRequiredService<BadgeImportRunner>().RunAsync(work, CancellationToken.None)),
            Task.Run(() => fixture.B.Services.GetRequiredService<BadgeImportRunner>().RunAsync(work, CancellationToken.None)));
        // Whichever lost the race may have found the import taken, or already finished: a sweep by either changes nothing now.
        await fixture.B.Services.GetRequiredService<BadgeImportRunner>().SweepAsync(CancellationToken.None);

        var import = await kit.Db(db => db.BadgeImports.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.True(import.IsFinished, "the import finished");
        var rows = await kit.Db(db => db.BadgeImportRows.AsNoTracking().Where(r => r.ImportId == id).ToListAsync());
        Assert.Equal(people.Length, rows.Count);
        Assert.DoesNotContain(rows, r => r.Status == ImportRowStatus.Ready);
        var issuedRows = rows.Where(r => r.Status == ImportRowStatus.Issued).ToList();
        Assert.NotEmpty(issuedRows);
        Assert.Equal(issuedRows.Count, import.IssuedCount);
        // One badge per issued row, not two: each row went through the command exactly once.
        var badges = await kit.Db(db => db.Assertions.AsNoTracking()
            .Where(a => a.Basis == AwardBasis.Migrated && people.Contains(a.RecipientEmail) && a.BadgeName == DesignSeed.GoingPublic).Select(a => a.Id).ToListAsync());
        Assert.Equal(issuedRows.Select(r => r.AssertionId!.Value).Order(), badges.Order());
        Assert.Equal(people.Length, await kit.AuditCount(nameof(IssueImportedBadge), "springfield", id.ToString()));
    }
}
