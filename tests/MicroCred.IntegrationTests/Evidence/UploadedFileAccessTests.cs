using System.Net;
using System.Net.Http.Headers;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Evidence;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>Who may see an evidence file or an upload, and how files are served (ranges, types, dispositions, caching).</summary>
public sealed class UploadedFileAccessTests(UploadFixture fixture) : IClassFixture<UploadFixture>
{
    private const string Earner = "earner@springfield.test";
    private const string OtherMember = "assessor@springfield.test";
    private const string Admin = "admin@springfield.test";
    private const string OtherDistrict = "admin@shelbyville.test";

    private async Task<(Guid FileId, string UploadUrl, byte[] Bytes)> UploadVideoAsync(string name = "lesson.mp4")
    {
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, Earner, "springfield");
        var bytes = GeneratedVideo.Bytes(300_000, seed: 11);
        var (url, fileId) = await tus.UploadAsync(bytes, name);
        return (fileId, url, bytes);
    }

    /// <summary>An upload left half-way, to probe its session.</summary>
    private async Task<string> UnfinishedUploadAsync()
    {
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, Earner, "springfield");
        var bytes = GeneratedVideo.Bytes(100_000, seed: 12);
        var url = await tus.StartAsync(bytes.Length, "half.mp4");
        using var part = await tus.PatchAsync(url, 0, bytes[..50_000]);
        Assert.Equal(HttpStatusCode.NoContent, part.StatusCode);
        return url;
    }

    [Fact]
    public async Task Another_member_of_the_district_gets_404_for_a_file_and_for_an_upload()
    {
        var (fileId, _, _) = await UploadVideoAsync();
        var uploadUrl = await UnfinishedUploadAsync();

        using var other = await TusClient.ForAsync(fixture.BaseAddress, OtherMember, "springfield");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/springfield/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Session.GetAsync($"/springfield/evidence/files/{fileId}")).StatusCode);
        using (var head = await other.HeadAsync(uploadUrl)) Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        using (var patch = await other.PatchAsync(uploadUrl, 50_000, new byte[10])) Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        using (var delete = await other.DeleteAsync(uploadUrl)) Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        var list = await other.Session.PageAsync("/springfield/evidence/files");
        Assert.DoesNotContain("lesson.mp4", list.MainText());

        await using var scope = await fixture.As(OtherMember, "springfield");
        var sender = AppFixture.Get<ISender>(scope);
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetEvidenceFile(fileId)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new DeleteEvidenceFile(fileId)).AsTask());

        // The owner still has both.
        using var owner = await TusClient.ForAsync(fixture.BaseAddress, Earner, "springfield");
        Assert.Equal(50_000, await owner.OffsetAsync(uploadUrl));
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync($"/springfield/files/{fileId}")).StatusCode);
    }

    [Fact]
    public async Task A_member_of_another_district_gets_403_here_and_404_through_their_own_district()
    {
        var (fileId, _, _) = await UploadVideoAsync();
        var uploadUrl = await UnfinishedUploadAsync();
        var uploadId = TusClient.UploadIdOf(uploadUrl);

        using var stranger = await TusClient.ForAsync(fixture.BaseAddress, OtherDistrict, "shelbyville");
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Http.GetAsync($"/springfield/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Session.GetAsync($"/springfield/evidence/files/{fileId}")).StatusCode);
        using (var head = await stranger.HeadAsync(uploadUrl)) Assert.Equal(HttpStatusCode.Forbidden, head.StatusCode);
        using (var post = await stranger.CreateAsync(100, "x.mp4", endpoint: "/springfield/uploads")) Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync($"/shelbyville/files/{fileId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Session.GetAsync($"/shelbyville/evidence/files/{fileId}")).StatusCode);
        using (var head = await stranger.HeadAsync($"/shelbyville/uploads/{uploadId}")) Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        using (var patch = await stranger.PatchAsync($"/shelbyville/uploads/{uploadId}", 50_000, new byte[10])) Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);

        using var anonymous = new HttpSession(fixture.BaseAddress);
        var redirected = await anonymous.GetAsync($"/springfield/files/{fileId}");
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.StartsWith("/account/login", redirected.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_districts_admins_may_read_a_members_file_but_not_delete_it()
    {
        var (fileId, _, bytes) = await UploadVideoAsync("observed-lesson.mp4");
        using var admin = await TusClient.ForAsync(fixture.BaseAddress, Admin, "springfield");
        Assert.Equal(bytes, await admin.Http.GetByteArrayAsync($"/springfield/files/{fileId}"));
        var page = await admin.Session.PageAsync($"/springfield/evidence/files/{fileId}");
        Assert.Contains("observed-lesson.mp4", page.MainText());
        Assert.Empty(page.QuerySelectorAll("form button.danger"));

        await using var scope = await fixture.As(Admin, "springfield");
        var refusal = await Assert.ThrowsAsync<MicroCred.Domain.Common.DomainException>(() => AppFixture.Get<ISender>(scope).Send(new DeleteEvidenceFile(fileId)).AsTask());
        Assert.Equal("Only the person who uploaded a file can delete it.", refusal.Message);
    }

    [Fact]
    public async Task Range_requests_return_206_with_exactly_the_bytes_asked_for()
    {
        var (fileId, _, bytes) = await UploadVideoAsync();
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, Earner, "springfield");
        var url = $"/springfield/files/{fileId}";

        async Task<HttpResponseMessage> Range(string range)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Range", range);
            return await tus.Http.SendAsync(request);
        }

        using (var middle = await Range("bytes=1000-1999"))
        {
            Assert.Equal(HttpStatusCode.PartialContent, middle.StatusCode);
            Assert.Equal($"bytes 1000-1999/{bytes.Length}", middle.Content.Headers.ContentRange!.ToString());
            Assert.Equal(bytes[1000..2000], await middle.Content.ReadAsByteArrayAsync());
        }
        using (var fromOffset = await Range("bytes=299990-"))
            Assert.Equal(bytes[299_990..], await fromOffset.Content.ReadAsByteArrayAsync());
        using (var suffix = await Range("bytes=-16"))
        {
            Assert.Equal(HttpStatusCode.PartialContent, suffix.StatusCode);
            Assert.Equal(bytes[^16..], await suffix.Content.ReadAsByteArrayAsync());
        }
        using (var outside = await Range($"bytes={bytes.Length + 10}-"))
            Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, outside.StatusCode);

        using var whole = await tus.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.Equal(bytes.Length, whole.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Files_are_served_with_their_detected_type_a_disposition_by_kind_and_private_caching()
    {
        var (videoId, _, _) = await UploadVideoAsync("Lesson — café.mp4");
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, Earner, "springfield");
        var (_, textId) = await tus.UploadAsync(EvidenceSamples.Utf8Text(), "reflection.txt");

        using var video = await tus.Http.GetAsync($"/springfield/files/{videoId}");
        Assert.Equal("video/mp4", video.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", video.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Lesson — café.mp4", video.Content.Headers.ContentDisposition.FileNameStar);
        Assert.True(video.Headers.CacheControl!.Private);
        Assert.Contains("sandbox", string.Join(";", video.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", video.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", video.Headers.GetValues("X-Frame-Options").Single());
        var etag = video.Headers.ETag!;

        // A PDF previews in a frame of our own page, so it alone may be framed, by this site only.
        var (_, pdfId) = await tus.UploadAsync(EvidenceSamples.Pdf(), "plan.pdf");
        using var pdf = await tus.Http.GetAsync($"/springfield/files/{pdfId}");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("frame-ancestors 'self'", pdf.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("SAMEORIGIN", pdf.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal(HttpStatusCode.OK, (await tus.Session.GetAsync($"/springfield/evidence/files/{pdfId}")).StatusCode);

        using var text = await tus.Http.GetAsync($"/springfield/files/{textId}");
        Assert.Equal("text/plain", text.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", text.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("reflection.txt", text.Content.Headers.ContentDisposition.FileNameStar);

        var head = await tus.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/springfield/files/{videoId}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(300_000, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());

        var again = new HttpRequestMessage(HttpMethod.Get, $"/springfield/files/{videoId}");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        Assert.Equal(HttpStatusCode.NotModified, (await tus.Http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task Stored_files_and_uploads_of_one_district_are_invisible_to_another_even_to_the_app_role()
    {
        var (fileId, uploadUrl, _) = await UploadVideoAsync();
        var uploadId = TusClient.UploadIdOf(uploadUrl);

        await using (var asB = await fixture.As(OtherDistrict, "shelbyville"))
        {
            var db = AppFixture.Get<AppDbContext>(asB);
            Assert.False(await db.StoredFiles.AnyAsync(f => f.Id == fileId));
            Assert.False(await db.StoredFiles.IgnoreQueryFilters().AnyAsync(f => f.Id == fileId));
            Assert.False(await db.UploadSessions.IgnoreQueryFilters().AnyAsync(u => u.Id == uploadId));
            Assert.Empty(await AppFixture.Get<ISender>(asB).Send(new ListMyEvidenceFiles()));
        }

        var (bId, _) = await fixture.District("shelbyville");
        await using var connection = new NpgsqlConnection(TestPostgres.App(fixture.App.Database));
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{bId}', false)", connection)) await set.ExecuteNonQueryAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM stored_files) + (SELECT count(*) FROM upload_sessions)", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());

        var (aId, _) = await fixture.District("springfield");
        await using var sneak = new NpgsqlCommand($"UPDATE stored_files SET owner_id = owner_id WHERE tenant_id = '{aId}'", connection);
        Assert.Equal(0, await sneak.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task My_evidence_files_lists_only_my_files_with_their_kind_size_date_and_sha256()
    {
        var (fileId, _, bytes) = await UploadVideoAsync("my-lesson.mp4");
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, Earner, "springfield");
        var page = await tus.Session.PageAsync("/springfield/evidence/files");
        var row = page.QuerySelectorAll("table.evidence-files tbody tr").Single(r => r.TextContent.Contains("my-lesson.mp4"));
        Assert.Equal($"/springfield/evidence/files/{fileId}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Video", row.TextContent);
        Assert.Contains("293 KB", row.TextContent);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), row.TextContent);

        var details = await tus.Session.PageAsync($"/springfield/evidence/files/{fileId}");
        Assert.Equal($"/springfield/files/{fileId}", details.QuerySelector("video")!.GetAttribute("src"));

        // Deleting from the page removes it from the list and its bytes from the store.
        var form = HttpSession.TokenOf(page);
        var deleted = await tus.Session.PostAsync($"/springfield/evidence/files?handler=Delete&fileId={fileId}", new Dictionary<string, string>(), form);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.DoesNotContain("my-lesson.mp4", (await tus.Session.PageAsync("/springfield/evidence/files")).MainText());
        Assert.Equal(HttpStatusCode.NotFound, (await tus.Http.GetAsync($"/springfield/files/{fileId}")).StatusCode);
        Assert.Empty(fixture.BytesOf(await UploadOf(fileId)));
    }

    private async Task<Guid> UploadOf(Guid fileId)
    {
        await using var scope = await fixture.As(Earner, "springfield");
        return await AppFixture.Get<AppDbContext>(scope).StoredFiles.IgnoreQueryFilters().Where(f => f.Id == fileId).Select(f => f.UploadId).SingleAsync();
    }
}
