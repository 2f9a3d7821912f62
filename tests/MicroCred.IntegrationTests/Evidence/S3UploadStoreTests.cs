using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using MicroCred.Application.Evidence;
using MicroCred.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>The S3 store, through the real AWS SDK, against a small S3-compatible server.</summary>
public sealed class S3UploadStoreTests : IAsyncLifetime
{
    private const int PartSize = S3EvidenceStore.MinimumPartSize;
    private const int MiB = 1024 * 1024;
    private FakeS3Server s3 = default!;
    private AmazonS3Client client = default!;
    private S3EvidenceStore store = default!;
    private readonly Guid district = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        s3 = await FakeS3Server.StartAsync();
        client = S3Fixture.Client(s3);
        store = new S3EvidenceStore(client, S3Fixture.Bucket, PartSize, NullLogger<S3EvidenceStore>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await s3.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_readiness_probe_passes_while_the_bucket_answers_and_fails_when_it_does_not()
    {
        await store.ProbeAsync(Ct);

        using var nowhere = new AmazonS3Client(new BasicAWSCredentials("test", "test-secret"), new AmazonS3Config
        {
            ServiceURL = "http://127.0.0.1:1/", ForcePathStyle = true, AuthenticationRegion = "us-east-1", MaxErrorRetry = 0,
        });
        var unreachable = new S3EvidenceStore(nowhere, S3Fixture.Bucket, PartSize, NullLogger<S3EvidenceStore>.Instance);
        await Assert.ThrowsAnyAsync<Exception>(() => unreachable.ProbeAsync(Ct));
    }

    [Fact]
    public async Task Appends_of_any_size_become_parts_of_at_least_5_MiB_and_one_object_identical_to_the_file()
    {
        var file = EvidenceSamples.Payload(16 * MiB + 12345, 41);
        var upload = await store.BeginUploadAsync(district, Guid.NewGuid(), Ct);

        // 3 MiB: not a part yet, parked. 4 MiB more: one part, 2 MiB parked. Then a body that drops after 6 MiB.
        Assert.Equal(new AppendResult(3 * MiB, false), await store.AppendAsync(upload, 0, file.Length, new MemoryStream(file[..(3 * MiB)]), Ct));
        Assert.Empty(s3.Uploads.Single().Value.Parts);
        Assert.Equal(new AppendResult(7 * MiB, false), await store.AppendAsync(upload, 3 * MiB, file.Length, new MemoryStream(file[(3 * MiB)..(7 * MiB)]), Ct));
        Assert.Single(s3.Uploads.Single().Value.Parts);
        var dropped = await store.AppendAsync(upload, 7 * MiB, file.Length, new FailingStream(file[(7 * MiB)..], failAfter: 6 * MiB), Ct);
        Assert.Equal(new AppendResult(13 * MiB, true), dropped);
        Assert.Equal(2, s3.Uploads.Single().Value.Parts.Count);
        Assert.Equal(new AppendResult(file.Length, false), await store.AppendAsync(upload, 13 * MiB, file.Length, new MemoryStream(file[(13 * MiB)..]), Ct));

        var key = await store.CompleteUploadAsync(upload, file.Length, Ct);
        Assert.Equal($"{district}/files/", key[..(district.ToString().Length + 7)]);
        Assert.Equal(file, s3.Objects[S3Fixture.Bucket + "/" + key]);
        Assert.Equal([PartSize, PartSize, PartSize, file.Length - 3L * PartSize], s3.CompletedParts[S3Fixture.Bucket + "/" + key]);
        Assert.Single(s3.Objects); // the parked bytes are gone
        Assert.Empty(s3.Uploads);

        await using (var read = await store.OpenReadAsync(key, Ct))
        {
            Assert.True(read.CanSeek);
            Assert.Equal(file.Length, read.Length);
            read.Seek(10 * MiB + 7, SeekOrigin.Begin);
            var slice = new byte[100_000];
            await read.ReadExactlyAsync(slice, Ct);
            Assert.Equal(file.AsSpan(10 * MiB + 7, 100_000).ToArray(), slice);
            read.Seek(0, SeekOrigin.Begin);
            Assert.Equal(SHA256.HashData(file), await SHA256.HashDataAsync(read, Ct));
        }

        await store.DeleteAsync(key, Ct);
        await store.DeleteAsync(key, Ct);
        Assert.Empty(s3.Objects);
    }

    [Fact]
    public async Task Aborting_an_upload_leaves_nothing_in_the_bucket()
    {
        var upload = await store.BeginUploadAsync(district, Guid.NewGuid(), Ct);
        await store.AppendAsync(upload, 0, 20 * MiB, new MemoryStream(EvidenceSamples.Payload(7 * MiB, 42)), Ct);
        Assert.NotEmpty(s3.Objects);
        await store.AbortUploadAsync(upload, Ct);
        await store.AbortUploadAsync(upload, Ct);
        Assert.Empty(s3.Objects);
        Assert.Empty(s3.Uploads);
    }

    [Fact]
    public async Task Lost_parked_bytes_are_reported_not_silently_skipped()
    {
        var upload = await store.BeginUploadAsync(district, Guid.NewGuid(), Ct);
        await store.AppendAsync(upload, 0, 20 * MiB, new MemoryStream(EvidenceSamples.Payload(2 * MiB, 43)), Ct);
        s3.Objects.Clear();
        await Assert.ThrowsAsync<UploadDataLostException>(() => store.AppendAsync(upload, 2 * MiB, 20 * MiB, new MemoryStream(new byte[10]), Ct));
    }

    /// <summary>A body that breaks after some bytes, like a dropped connection.</summary>
    private sealed class FailingStream(byte[] bytes, int failAfter) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            if (Position >= failAfter) throw new IOException("Simulated dropped connection.");
            return base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, failAfter - Position)], ct);
        }
    }
}

/// <summary>The whole app storing evidence in S3 (the fake server), configured as a deployment would be.</summary>
public sealed class S3Fixture : UploadFixture
{
    public const string Bucket = "evidence";
    private FakeS3Server? s3;

    public FakeS3Server S3 => s3!;

    public static AmazonS3Client Client(FakeS3Server server) => new(new BasicAWSCredentials("test", "test-secret"), new AmazonS3Config
    {
        ServiceURL = server.Url.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = "us-east-1",
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    });

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Storage:S3:Bucket"] = Bucket,
        ["Storage:S3:ServiceUrl"] = s3!.Url.ToString(),
        ["Storage:S3:ForcePathStyle"] = "true",
        ["Storage:S3:AccessKey"] = "test",
        ["Storage:S3:SecretKey"] = "test-secret",
        ["Storage:S3:PartSizeMiB"] = "5",
    };

    public override async ValueTask InitializeAsync()
    {
        s3 = await FakeS3Server.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await s3!.DisposeAsync();
    }
}

public sealed class S3UploadTests(S3Fixture fixture) : IClassFixture<S3Fixture>
{
    [Fact]
    public async Task An_upload_over_tus_lands_in_the_bucket_under_its_district_and_is_served_with_ranges()
    {
        const int length = 12 * 1024 * 1024 + 321;
        Assert.IsType<S3EvidenceStore>(fixture.App.Services.GetService(typeof(IEvidenceStore)));
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, "earner@springfield.test", "springfield");
        var bytes = GeneratedVideo.Bytes(length, seed: 51);
        var (url, fileId) = await tus.UploadAsync(bytes, "s3-lesson.mp4", pieceSize: 7 * 1024 * 1024);

        var (springfield, _) = await fixture.District("springfield");
        var key = $"{S3Fixture.Bucket}/{springfield}/files/{TusClient.UploadIdOf(url)}";
        Assert.Equal(bytes, fixture.S3.Objects[key]);
        Assert.Single(fixture.S3.Objects.Keys, k => k.Contains(TusClient.UploadIdOf(url).ToString(), StringComparison.Ordinal));

        var request = new HttpRequestMessage(HttpMethod.Get, $"/springfield/files/{fileId}");
        request.Headers.TryAddWithoutValidation("Range", "bytes=6000000-6000099");
        using var partial = await tus.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bytes.AsSpan(6_000_000, 100).ToArray(), await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes, await tus.Http.GetByteArrayAsync($"/springfield/files/{fileId}"));
    }

    [Fact]
    public async Task A_refused_upload_leaves_no_object_and_no_multipart_upload_in_the_bucket()
    {
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, "earner@springfield.test", "springfield");

        // Refused from its first bytes, with one part already sent and the rest parked.
        var program = EvidenceSamples.WindowsExecutable().Concat(EvidenceSamples.Payload(12 * 1024 * 1024, 52)).ToArray();
        var early = await tus.StartAsync(program.Length, "lesson.mp4");
        using (var refused = await tus.PatchAsync(early, 0, program[..(6 * 1024 * 1024)]))
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);

        // Refused once complete (a ZIP may have been a document until its end arrived).
        var zip = EvidenceSamples.Zip(6 * 1024 * 1024);
        var late = await tus.StartAsync(zip.Length, "lesson.docx");
        using (var refused = await tus.PatchAsync(late, 0, zip))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
            Assert.StartsWith("This file is a ZIP archive, which is not accepted here.", await refused.Content.ReadAsStringAsync());
        }

        foreach (var uploadId in new[] { TusClient.UploadIdOf(early).ToString(), TusClient.UploadIdOf(late).ToString() })
        {
            Assert.DoesNotContain(fixture.S3.Objects.Keys, k => k.Contains(uploadId, StringComparison.Ordinal));
            Assert.DoesNotContain(fixture.S3.Uploads.Values, u => u.Key.Contains(uploadId, StringComparison.Ordinal));
        }
        Assert.Contains(fixture.S3.Log, line => line.StartsWith("DELETE", StringComparison.Ordinal) && line.Contains("uploadId=", StringComparison.Ordinal));
    }
}
