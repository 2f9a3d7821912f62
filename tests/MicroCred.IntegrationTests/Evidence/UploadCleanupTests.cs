using System.Net;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Application.Features.Evidence;
using MicroCred.Domain.Evidence;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>The cleanup job, run directly at chosen times: abandoned uploads and unattached files go, attached files stay.</summary>
public sealed class UploadCleanupTests(UploadFixture fixture) : IClassFixture<UploadFixture>
{
    private const string Earner = "earner@springfield.test";

    private EvidenceCleanup Cleanup => fixture.App.Services.GetRequiredService<EvidenceCleanup>();

    private async Task<T> InSpringfield<T>(Func<AppDbContext, Task<T>> read)
    {
        await using var scope = await fixture.As(Earner, "springfield");
        return await read(AppFixture.Get<AppDbContext>(scope));
    }

    [Fact]
    public async Task An_abandoned_upload_and_its_partial_bytes_are_removed_once_it_expires()
    {
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, Earner, "springfield");
        var bytes = GeneratedVideo.Bytes(200_000, seed: 21);
        var url = await tus.StartAsync(bytes.Length, "abandoned.mp4");
        using (var part = await tus.PatchAsync(url, 0, bytes[..80_000])) Assert.Equal(HttpStatusCode.NoContent, part.StatusCode);
        var uploadId = TusClient.UploadIdOf(url);
        Assert.NotEmpty(fixture.BytesOf(uploadId));

        // Within its 24 hours nothing happens.
        await Cleanup.RunOnceAsync(DateTimeOffset.UtcNow.AddHours(23), TestContext.Current.CancellationToken);
        Assert.Equal(80_000, await tus.OffsetAsync(url));

        var report = await Cleanup.RunOnceAsync(DateTimeOffset.UtcNow.AddHours(25), TestContext.Current.CancellationToken);
        Assert.True(report.Uploads >= 1);
        Assert.Empty(fixture.BytesOf(uploadId));
        Assert.False(await InSpringfield(db => db.UploadSessions.AnyAsync(u => u.Id == uploadId)));
        using (var head = await tus.HeadAsync(url)) Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);

        var entry = await InSpringfield(db => db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.Action == nameof(EvidenceCleanup)));
        Assert.Contains($"Deleted UploadSession {uploadId}", entry.Targets);
        Assert.Null(entry.ActorId);
    }

    [Fact]
    public async Task Unattached_files_go_after_the_grace_period_attached_ones_stay_and_deleted_ones_are_purged()
    {
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, Earner, "springfield");
        var (_, loose) = await tus.UploadAsync(GeneratedVideo.Bytes(60_000, seed: 31), "loose.mp4");
        var (_, kept) = await tus.UploadAsync(GeneratedVideo.Bytes(60_000, seed: 32), "kept.mp4");
        var (_, unwanted) = await tus.UploadAsync(GeneratedVideo.Bytes(60_000, seed: 33), "unwanted.mp4");

        // What the submission feature will do inside its own command: attach the file to its answer.
        await using (var scope = await fixture.As(Earner, "springfield"))
        {
            using var audit = AppFixture.Get<AuditScope>(scope).Begin("AttachEvidence", null);
            var file = await AppFixture.Get<EvidenceAttachments>(scope).AttachAsync(kept, "SubmissionAnswer", Guid.NewGuid(),
                UploadRule.Allow(10_000_000, FileKind.Video), TestContext.Current.CancellationToken);
            Assert.True(file.IsAttached);
            await AppFixture.Get<AppDbContext>(scope).SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await using (var scope = await fixture.As(Earner, "springfield"))
            await AppFixture.Get<ISender>(scope).Send(new DeleteEvidenceFile(unwanted), TestContext.Current.CancellationToken);

        var keys = await InSpringfield(db => db.StoredFiles.Where(f => f.Id == loose || f.Id == kept || f.Id == unwanted)
            .ToDictionaryAsync(f => f.Id, f => f.UploadId));
        Assert.Empty(fixture.BytesOf(keys[unwanted])); // bytes go at once; the row goes with the next cleanup

        await Cleanup.RunOnceAsync(DateTimeOffset.UtcNow.AddDays(29), TestContext.Current.CancellationToken);
        Assert.True(await InSpringfield(db => db.StoredFiles.AnyAsync(f => f.Id == loose)));
        Assert.False(await InSpringfield(db => db.StoredFiles.AnyAsync(f => f.Id == unwanted)));

        await Cleanup.RunOnceAsync(DateTimeOffset.UtcNow.AddDays(31), TestContext.Current.CancellationToken);
        Assert.False(await InSpringfield(db => db.StoredFiles.AnyAsync(f => f.Id == loose)));
        Assert.Empty(fixture.BytesOf(keys[loose]));
        Assert.True(await InSpringfield(db => db.StoredFiles.AnyAsync(f => f.Id == kept)));
        Assert.NotEmpty(fixture.BytesOf(keys[kept]));
        Assert.Equal(HttpStatusCode.OK, (await tus.Http.GetAsync($"/springfield/files/{kept}")).StatusCode);
    }

    [Fact]
    public async Task A_file_is_attached_only_by_its_owner_and_only_where_it_fits()
    {
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, Earner, "springfield");
        var (_, fileId) = await tus.UploadAsync(EvidenceSamples.Pdf(), "plan.pdf");

        await using (var someoneElse = await fixture.As("assessor@springfield.test", "springfield"))
            await Assert.ThrowsAsync<MicroCred.Application.Common.NotFoundException>(() =>
                AppFixture.Get<EvidenceAttachments>(someoneElse).AttachAsync(fileId, "SubmissionAnswer", Guid.NewGuid(), null, TestContext.Current.CancellationToken));

        await using var owner = await fixture.As(Earner, "springfield");
        var refusal = await Assert.ThrowsAsync<UploadRefusedException>(() =>
            AppFixture.Get<EvidenceAttachments>(owner).AttachAsync(fileId, "SubmissionAnswer", Guid.NewGuid(), UploadRule.Allow(10_000_000, FileKind.Video), TestContext.Current.CancellationToken));
        Assert.Equal("“plan.pdf” is a PDF; here you can use video files (MP4, MOV or WebM).", refusal.Message);
    }
}
