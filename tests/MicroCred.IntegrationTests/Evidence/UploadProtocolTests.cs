using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using MicroCred.Application.Data;
using MicroCred.Domain.Evidence;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>The tus protocol over real HTTP: creation, resumption, termination, and every refusal leaving nothing behind.</summary>
public sealed class UploadProtocolTests(UploadFixture fixture) : IClassFixture<UploadFixture>
{
    private const string Earner = "earner@springfield.test";

    private Task<TusClient> Teacher() => TusClient.ForAsync(fixture.BaseAddress, Earner, "springfield");

    private async Task<StoredFile?> StoredFileOf(Guid uploadId)
    {
        await using var scope = await fixture.As(Earner, "springfield");
        return await AppFixture.Get<AppDbContext>(scope).StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.UploadId == uploadId);
    }

    private static async Task<string> Text(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    [Fact]
    public async Task Options_advertises_tus_1_0_0_with_creation_termination_and_expiration()
    {
        using var tus = await Teacher();
        using var response = await tus.Http.SendAsync(new HttpRequestMessage(HttpMethod.Options, tus.Endpoint));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Resumable").Single());
        Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
        Assert.Equal("creation,termination,expiration", response.Headers.GetValues("Tus-Extension").Single());
        Assert.Equal(UploadFixture.GeneralLimit.ToString(CultureInfo.InvariantCulture), response.Headers.GetValues("Tus-Max-Size").Single());
    }

    [Fact]
    public async Task A_file_sent_in_pieces_becomes_a_stored_file_with_its_kind_and_sha256_and_is_audited()
    {
        using var tus = await Teacher();
        var file = EvidenceSamples.Png(300, 300);
        var url = await tus.StartAsync(file.Length, "classroom.png");
        Assert.Matches("^/springfield/uploads/[0-9a-f-]{36}$", url);
        Assert.Equal(0, await tus.OffsetAsync(url));

        using (var first = await tus.PatchAsync(url, 0, file[..100_000]))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
            Assert.Equal("100000", first.Headers.GetValues("Upload-Offset").Single());
            Assert.True(first.Headers.Contains("Upload-Expires"));
            Assert.False(first.Headers.Contains("MicroCred-File-Id"));
        }
        Assert.Equal(100_000, await tus.OffsetAsync(url));
        using var last = await tus.PatchAsync(url, 100_000, file[100_000..]);
        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        var fileId = TusClient.FileIdOf(last);
        Assert.Equal($"/springfield/files/{fileId}", last.Headers.GetValues("MicroCred-File-Url").Single());

        var uploadId = TusClient.UploadIdOf(url);
        var stored = await StoredFileOf(uploadId);
        Assert.NotNull(stored);
        Assert.Equal(fileId, stored.Id);
        Assert.Equal("classroom.png", stored.FileName);
        Assert.Equal(FileKind.Image, stored.Kind);
        Assert.Equal("image/png", stored.ContentType);
        Assert.Equal(file.Length, stored.Length);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), stored.Sha256);
        Assert.Equal(await fixture.UserId(Earner), stored.OwnerId);

        // HEAD after completion still tells a resuming client which file it became.
        using (var head = await tus.HeadAsync(url))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(file.Length.ToString(CultureInfo.InvariantCulture), head.Headers.GetValues("Upload-Offset").Single());
            Assert.Equal(fileId, TusClient.FileIdOf(head));
        }
        Assert.Equal(file, await tus.Http.GetByteArrayAsync($"/springfield/files/{fileId}"));

        await using var scope = await fixture.As(Earner, "springfield");
        var audit = await AppFixture.Get<AppDbContext>(scope).AuditEntries.Where(a => a.Targets.Contains(fileId.ToString())).ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Equal("AppendToUpload", entry.Action);
        Assert.Contains($"Added StoredFile {fileId}", entry.Targets);
        Assert.Equal(await fixture.UserId(Earner), entry.ActorId);
    }

    [Fact]
    public async Task An_interrupted_patch_keeps_what_arrived_and_the_upload_resumes_to_a_byte_identical_file()
    {
        const int length = 40 * 1024 * 1024;
        const int dropAt = 12 * 1024 * 1024;
        using var tus = await Teacher();
        var url = await tus.StartAsync(length, "lesson.mp4");

        // The connection drops after 12 MiB of the body: the client's request fails...
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => tus.PatchAsync(url, 0, new GeneratedVideo(length, failAt: dropAt), length));

        // ...and the server kept what arrived, so the client continues from there.
        var offset = await tus.OffsetAsync(url);
        Assert.InRange(offset, 1, dropAt);
        using var rest = await tus.PatchAsync(url, offset, new GeneratedVideo(length, startAt: offset), length - offset);
        Assert.True(rest.StatusCode == HttpStatusCode.NoContent, await Text(rest));
        var fileId = TusClient.FileIdOf(rest);

        var expected = GeneratedVideo.HashOf(length);
        Assert.Equal(expected, (await StoredFileOf(TusClient.UploadIdOf(url)))!.Sha256);
        await using var served = await tus.Http.GetStreamAsync($"/springfield/files/{fileId}");
        Assert.Equal(expected, Convert.ToHexStringLower(await SHA256.HashDataAsync(served)));
    }

    public static TheoryData<string, bool, string> Disguised => new()
    {
        { "zip", false, "This file is a ZIP archive, not a video. Upload MP4, MOV or WebM." },
        { "pdf", false, "This file is a PDF document, not a video. Upload MP4, MOV or WebM." },
        { "exe", false, "This file is a Windows program, not a video. Upload MP4, MOV or WebM." },
        { "docx", false, "This file is a Word document (DOCX), not a video. Upload MP4, MOV or WebM." },
        // Only the first 70 KB sent: refused from its first bytes, without waiting for the rest.
        { "docx", true, "This file is a ZIP archive, not a video. Upload MP4, MOV or WebM." },
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_disallowed_type_renamed_to_mp4_is_refused_with_what_it_really_is_and_leaves_nothing_behind(string sample, bool firstPartOnly, string message)
    {
        var bytes = sample switch
        {
            "zip" => EvidenceSamples.Zip(20_000),
            "pdf" => EvidenceSamples.Pdf(),
            "exe" => EvidenceSamples.WindowsExecutable(),
            _ => EvidenceSamples.Docx(padding: 100_000),
        };
        using var tus = await Teacher();
        var url = await tus.StartAsync(bytes.Length, "lesson.mp4", UploadFixture.VideoOnly);
        using var refused = await tus.PatchAsync(url, 0, firstPartOnly ? bytes[..70_000] : bytes);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        Assert.Equal(message, await Text(refused));

        var uploadId = TusClient.UploadIdOf(url);
        Assert.Null(await StoredFileOf(uploadId));
        Assert.Empty(fixture.BytesOf(uploadId));
        using var head = await tus.HeadAsync(url);
        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
        using var again = await tus.PatchAsync(url, 0, bytes);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task Content_that_turns_out_binary_at_the_end_is_refused_when_complete_and_leaves_nothing_behind()
    {
        // Starts like a text file, so it passes the early check; the end shows it is not.
        var bytes = EvidenceSamples.Utf8Text(1500).Concat(EvidenceSamples.Payload(50_000, 3)).ToArray();
        using var tus = await Teacher();
        var url = await tus.StartAsync(bytes.Length, "notes.txt");
        using (var start = await tus.PatchAsync(url, 0, bytes[..70_000])) Assert.Equal(HttpStatusCode.NoContent, start.StatusCode);
        using var end = await tus.PatchAsync(url, 70_000, bytes[70_000..]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, end.StatusCode);
        Assert.StartsWith("We could not recognise this file's type, so it is not accepted here.", await Text(end));

        var uploadId = TusClient.UploadIdOf(url);
        Assert.Null(await StoredFileOf(uploadId));
        Assert.Empty(fixture.BytesOf(uploadId));
    }

    [Fact]
    public async Task An_over_limit_file_is_refused_before_any_byte_is_sent()
    {
        using var tus = await Teacher();
        using (var overPolicy = await tus.CreateAsync(UploadFixture.VideoLimit + 1, "long.mp4", UploadFixture.VideoOnly))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overPolicy.StatusCode);
            Assert.StartsWith("This file is 1,048,577 bytes; the limit here is 1,048,576 bytes.", await Text(overPolicy));
        }
        using (var overServer = await tus.CreateAsync(3L * 1024 * 1024 * 1024, "whole-day.mp4"))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, overServer.StatusCode);
            Assert.StartsWith("This file is 3 GB; the limit here is 2 GB.", await Text(overServer));
        }

        await using var scope = await fixture.As(Earner, "springfield");
        Assert.False(await AppFixture.Get<AppDbContext>(scope).UploadSessions.AnyAsync(u => u.FileName == "long.mp4" || u.FileName == "whole-day.mp4"));
    }

    [Fact]
    public async Task More_bytes_than_declared_are_refused()
    {
        using var tus = await Teacher();
        var file = EvidenceSamples.Mp4(5000);
        var url = await tus.StartAsync(file.Length, "clip.mp4");
        using var tooMuch = await tus.PatchAsync(url, 0, file.Concat(new byte[10]).ToArray());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMuch.StatusCode);
        Assert.Equal(0, await tus.OffsetAsync(url));
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        using var tus = await Teacher();
        using var response = await tus.CreateAsync(0, "empty.mp4");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("This file is empty (0 bytes).", await Text(response));
    }

    [Fact]
    public async Task Protocol_mistakes_get_the_statuses_tus_names()
    {
        using var tus = await Teacher();
        var file = EvidenceSamples.Mp4(5000);
        var url = await tus.StartAsync(file.Length, "clip.mp4");

        using (var wrongOffset = await tus.PatchAsync(url, 10, file[10..])) Assert.Equal(HttpStatusCode.Conflict, wrongOffset.StatusCode);

        var wrongType = tus.Request(HttpMethod.Patch, url);
        wrongType.Headers.Add("Upload-Offset", "0");
        wrongType.Content = new ByteArrayContent(file);
        wrongType.Content.Headers.ContentType = new("application/octet-stream");
        using (var response = await tus.Http.SendAsync(wrongType)) Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);

        var noVersion = new HttpRequestMessage(HttpMethod.Head, url);
        using (var response = await tus.Http.SendAsync(noVersion))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
            Assert.Equal("1.0.0", response.Headers.GetValues("Tus-Version").Single());
        }

        var noToken = tus.Request(HttpMethod.Post, tus.Endpoint, withToken: false);
        noToken.Headers.Add("Upload-Length", "100");
        using (var response = await tus.Http.SendAsync(noToken)) Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        using (var unknownPurpose = await tus.CreateAsync(100, "x.mp4", purpose: "submission-answer"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unknownPurpose.StatusCode);
            Assert.Contains("not accepted", await Text(unknownPurpose));
        }
        using (var unknown = await tus.HeadAsync($"/springfield/uploads/{Guid.NewGuid()}")) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var anonymous = TusClient.Anonymous(fixture.BaseAddress, "springfield");
        using (var response = await anonymous.HeadAsync(url)) Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Terminating_an_upload_drops_its_bytes()
    {
        using var tus = await Teacher();
        var file = EvidenceSamples.Mp4(200_000);
        var url = await tus.StartAsync(file.Length, "abandoned.mp4");
        using (var part = await tus.PatchAsync(url, 0, file[..50_000])) Assert.Equal(HttpStatusCode.NoContent, part.StatusCode);
        var uploadId = TusClient.UploadIdOf(url);
        Assert.NotEmpty(fixture.BytesOf(uploadId));

        using (var delete = await tus.DeleteAsync(url)) Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(fixture.BytesOf(uploadId));
        using var head = await tus.HeadAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }
}
