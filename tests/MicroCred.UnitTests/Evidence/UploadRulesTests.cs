using MicroCred.Domain.Common;
using MicroCred.Domain.Evidence;
using MicroCred.Testing;

namespace MicroCred.UnitTests.Evidence;

public sealed class UploadRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid DistrictId = Guid.NewGuid();
    private static readonly Guid Teacher = Guid.NewGuid();
    private static readonly TimeSpan Idle = TimeSpan.FromHours(24);

    private static UploadSession Start(long length = 1000, long max = 10_000, FileKind kinds = FileKind.Video) =>
        UploadSession.Start(DistrictId, Teacher, "lesson.mp4", length, "library", null, max, kinds, Idle, Now);

    private static DetectedContent Mp4 => ContentSniffer.Detect(EvidenceSamples.Mp4(), EvidenceSamples.Mp4(), EvidenceSamples.Mp4().Length);

    [Fact]
    public void An_empty_file_and_a_file_over_the_limit_are_refused_before_any_byte_is_sent()
    {
        var empty = Assert.Throws<UploadRefusedException>(() => Start(length: 0));
        Assert.Equal(UploadProblem.Empty, empty.Problem);
        Assert.Contains("empty", empty.Message);

        var large = Assert.Throws<UploadRefusedException>(() => Start(length: 3L << 30, max: 2L << 30));
        Assert.Equal(UploadProblem.TooLarge, large.Problem);
        Assert.Equal("This file is 3 GB; the limit here is 2 GB. Shorten or compress it (for a video, a lower resolution such as 720p usually fits), then upload it again.", large.Message);

        Assert.Equal(UploadProblem.NotAllowed, Assert.Throws<UploadRefusedException>(() => Start(kinds: FileKind.None)).Problem);
    }

    [Fact]
    public void Bytes_are_appended_only_at_the_offset_reached_so_far()
    {
        var upload = Start();
        upload.Append(0, 400, Now);
        Assert.Equal(400, upload.ReceivedBytes);

        var wrong = Assert.Throws<UploadRefusedException>(() => upload.Append(0, 100, Now));
        Assert.Equal(UploadProblem.OffsetMismatch, wrong.Problem);
        Assert.Equal(UploadProblem.OffsetMismatch, Assert.Throws<UploadRefusedException>(() => upload.Append(500, 100, Now)).Problem);

        upload.Append(400, 600, Now);
        Assert.True(upload.IsComplete);
    }

    [Fact]
    public void No_more_bytes_than_declared()
    {
        var upload = Start(length: 1000);
        upload.Append(0, 900, Now);
        var refusal = Assert.Throws<UploadRefusedException>(() => upload.Append(900, 101, Now));
        Assert.Equal(UploadProblem.TooLarge, refusal.Problem);
        Assert.Equal(900, upload.ReceivedBytes);
    }

    [Fact]
    public void An_upload_completes_only_when_every_byte_has_arrived_and_only_once()
    {
        var upload = Start(length: 1000);
        upload.Append(0, 999, Now);
        Assert.Throws<DomainException>(() => upload.Complete(Guid.NewGuid(), Now));

        upload.Append(999, 1, Now);
        var file = StoredFile.FromUpload(upload, Mp4, new string('a', 64), "key", Now);
        upload.Complete(file.Id, Now);
        Assert.Equal(UploadState.Completed, upload.State);
        Assert.Equal(file.Id, upload.StoredFileId);
        Assert.Equal(UploadProblem.Finished, Assert.Throws<UploadRefusedException>(() => upload.Append(1000, 0, Now)).Problem);
    }

    [Fact]
    public void An_upload_expires_after_its_idle_lifetime_and_progress_pushes_the_expiry_back()
    {
        var upload = Start();
        upload.Append(0, 10, Now.AddHours(20));
        Assert.Equal(Now.AddHours(44), upload.ExpiresAt);
        Assert.False(upload.IsExpiredAt(Now.AddHours(30)));

        var late = Assert.Throws<UploadRefusedException>(() => upload.Append(10, 10, Now.AddHours(45)));
        Assert.Equal(UploadProblem.Expired, late.Problem);
        Assert.True(upload.CanBeRemovedAt(Now.AddHours(45)));
    }

    [Fact]
    public void A_refused_upload_keeps_its_reason_and_takes_no_more_bytes()
    {
        var upload = Start();
        upload.Refuse("This file is a ZIP archive, not a video. Upload MP4, MOV or WebM.", Now);
        var again = Assert.Throws<UploadRefusedException>(() => upload.Append(0, 10, Now));
        Assert.Equal(UploadProblem.Finished, again.Problem);
        Assert.Contains("ZIP archive", again.Message);
    }

    [Fact]
    public void A_stored_file_is_made_only_from_content_of_an_allowed_kind()
    {
        var upload = Start(length: 100, kinds: FileKind.Video);
        upload.Append(0, 100, Now);
        var zip = ContentSniffer.Detect(EvidenceSamples.Zip(), EvidenceSamples.Zip(), EvidenceSamples.Zip().Length);
        var refusal = Assert.Throws<UploadRefusedException>(() => StoredFile.FromUpload(upload, zip, new string('a', 64), "key", Now));
        Assert.Equal(UploadProblem.WrongKind, refusal.Problem);
        Assert.Equal("This file is a ZIP archive, not a video. Upload MP4, MOV or WebM.", refusal.Message);
    }

    [Fact]
    public void File_names_lose_folders_and_control_characters_but_keep_their_extension()
    {
        Assert.Equal("lesson.mp4", UploadSession.CleanFileName(@"C:\Users\pat\Videos\lesson.mp4"));
        Assert.Equal("evil.txt", UploadSession.CleanFileName("../../evil\u0000.txt"));
        Assert.Equal("untitled", UploadSession.CleanFileName("  "));
        var longName = UploadSession.CleanFileName(new string('x', 400) + ".docx");
        Assert.Equal(255, longName.Length);
        Assert.EndsWith(".docx", longName);
    }

    [Fact]
    public void An_attached_file_cannot_be_deleted_and_an_unattached_one_is_abandoned_after_the_grace_period()
    {
        var upload = Start(length: 100);
        upload.Append(0, 100, Now);
        var file = StoredFile.FromUpload(upload, Mp4, new string('b', 64), "key", Now);
        var grace = TimeSpan.FromDays(30);
        Assert.False(file.IsAbandonedAt(Now.AddDays(29), grace));
        Assert.True(file.IsAbandonedAt(Now.AddDays(30), grace));

        var answer = Guid.NewGuid();
        file.AttachTo("SubmissionAnswer", answer, Now.AddDays(1));
        file.AttachTo("SubmissionAnswer", answer, Now.AddDays(1));
        Assert.False(file.IsAbandonedAt(Now.AddDays(400), grace));
        Assert.Throws<DomainException>(() => file.AttachTo("SubmissionAnswer", Guid.NewGuid(), Now));
        Assert.Throws<DomainException>(() => file.Delete(Teacher, Now));

        file.Detach(Now.AddDays(10));
        Assert.False(file.IsAbandonedAt(Now.AddDays(39), grace));
        Assert.Throws<DomainException>(() => file.Delete(Guid.NewGuid(), Now));
        file.Delete(Teacher, Now.AddDays(11));
        Assert.Equal(StoredFileState.Deleted, file.State);
        Assert.False(file.IsAbandonedAt(Now.AddDays(400), grace));
    }

    [Fact]
    public void A_file_is_checked_against_the_rule_of_the_place_it_is_used()
    {
        var upload = Start(length: 5000, kinds: FileKinds.All);
        upload.Append(0, 5000, Now);
        var file = StoredFile.FromUpload(upload, Mp4, new string('c', 64), "key", Now);
        file.EnsureFits(FileKind.Video, 5000);
        Assert.Equal(UploadProblem.WrongKind, Assert.Throws<UploadRefusedException>(() => file.EnsureFits(FileKind.Image, 5000)).Problem);
        Assert.Equal(UploadProblem.TooLarge, Assert.Throws<UploadRefusedException>(() => file.EnsureFits(FileKind.Video, 4999)).Problem);
    }

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1, "1 byte")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(512 * 1024, "512 KB")] // a per-file limit the credential page once showed as "1 MB"
    [InlineData(1 << 20, "1 MB")]
    [InlineData(12_900_000, "12 MB")]
    [InlineData(5L << 30, "5 GB")]
    [InlineData(1_500_000_000, "1.4 GB")]
    public void Sizes_read_as_people_expect(long bytes, string text) => Assert.Equal(text, FileSizes.Describe(bytes));
}
