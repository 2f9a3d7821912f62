using System.Diagnostics;
using System.Globalization;
using System.Net;
using MicroCred.Application.Data;
using MicroCred.Domain.Evidence;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>Runs alone (no other test class allocating meanwhile), so the heap it samples is the upload's.</summary>
[CollectionDefinition(nameof(LargeUploadCollection), DisableParallelization = true)]
public sealed class LargeUploadCollection;

[Collection(nameof(LargeUploadCollection))]
public sealed class LargeUploadTests(AppFixture fixture, ITestOutputHelper output) : IClassFixture<AppFixture>
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task A_1_GiB_video_streams_to_storage_without_the_server_holding_it_in_memory()
    {
        const long length = 1024 * MiB;
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, "earner@springfield.test", "springfield");
        // The same path once, small, so JIT and pools are warm before the baseline.
        await tus.UploadAsync(GeneratedVideo.Bytes((int)(3 * MiB), seed: 2), "warm-up.mp4");
        var url = await tus.StartAsync(length, "whole-lesson.mp4");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        long peak = baseline, samples = 0;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                samples++;
                Thread.Sleep(2);
            }
        }) { IsBackground = true, Name = "heap sampler" };
        sampler.Start();

        // One PATCH of the whole gigabyte, generated while it is sent.
        var watch = Stopwatch.StartNew();
        using var video = new GeneratedVideo(length, seed: 1);
        using var response = await tus.PatchAsync(url, 0, video, length);
        watch.Stop();
        stop.Cancel();
        sampler.Join();

        Assert.True(response.StatusCode == HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        Assert.Equal(length.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("Upload-Offset").Single());
        var fileId = TusClient.FileIdOf(response);
        await using (var scope = await fixture.As("earner@springfield.test", "springfield"))
        {
            var stored = await AppFixture.Get<AppDbContext>(scope).StoredFiles.AsNoTracking().SingleAsync(f => f.Id == fileId);
            Assert.Equal(length, stored.Length);
            Assert.Equal(FileKind.Video, stored.Kind);
            Assert.Equal(video.Hash, stored.Sha256);
        }

        var growth = peak - baseline;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"1 GiB upload (one PATCH, including the server's SHA-256 pass and flush): {watch.Elapsed.TotalSeconds:0.0} s, " +
            $"{length / MiB / watch.Elapsed.TotalSeconds:0} MiB/s. Managed heap: baseline {baseline / (double)MiB:0.0} MiB, " +
            $"peak {peak / (double)MiB:0.0} MiB, growth {growth / (double)MiB:0.0} MiB over {samples} samples; GCs gen0/1/2 during: " +
            $"{GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}."));
        Assert.True(growth < 64 * MiB, $"The managed heap grew by {growth / MiB} MiB while 1 GiB was uploaded.");
    }
}
