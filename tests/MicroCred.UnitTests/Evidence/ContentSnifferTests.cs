using MicroCred.Domain.Evidence;
using MicroCred.Testing;

namespace MicroCred.UnitTests.Evidence;

/// <summary>Every kind recognised from real byte samples; refusals name what a file really is.</summary>
public sealed class ContentSnifferTests
{
    private static DetectedContent Detect(byte[] file) => ContentSniffer.Detect(Head(file), Tail(file), file.Length);

    private static byte[] Head(byte[] file) => file[..Math.Min(file.Length, ContentSniffer.HeadSize)];
    private static byte[] Tail(byte[] file) => file[Math.Max(0, file.Length - ContentSniffer.TailSize)..];

    public static TheoryData<string, FileKind, string> Samples => new()
    {
        { "mp4", FileKind.Video, "video/mp4" },
        { "mov", FileKind.Video, "video/quicktime" },
        { "3gp", FileKind.Video, "video/3gpp" },
        { "webm", FileKind.Video, "video/webm" },
        { "mkv", FileKind.Video, "video/x-matroska" },
        { "mp3-id3", FileKind.Audio, "audio/mpeg" },
        { "mp3-frames", FileKind.Audio, "audio/mpeg" },
        { "m4a", FileKind.Audio, "audio/mp4" },
        { "wav", FileKind.Audio, "audio/wav" },
        { "ogg", FileKind.Audio, "audio/ogg" },
        { "png", FileKind.Image, "image/png" },
        { "jpeg", FileKind.Image, "image/jpeg" },
        { "gif", FileKind.Image, "image/gif" },
        { "webp", FileKind.Image, "image/webp" },
        { "pdf", FileKind.Pdf, "application/pdf" },
        { "docx", FileKind.Document, "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
        { "xlsx", FileKind.Document, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "pptx", FileKind.Document, "application/vnd.openxmlformats-officedocument.presentationml.presentation" },
        { "odt", FileKind.Document, "application/vnd.oasis.opendocument.text" },
        { "txt", FileKind.Text, "text/plain; charset=utf-8" },
        { "zip", FileKind.None, "application/zip" },
        { "exe", FileKind.None, "application/vnd.microsoft.portable-executable" },
        { "doc", FileKind.None, "application/x-ole-storage" },
    };

    public static byte[] Sample(string name) => name switch
    {
        "mp4" => EvidenceSamples.Mp4(),
        "mov" => EvidenceSamples.Mov(),
        "3gp" => EvidenceSamples.IsoMedia("3gp4"),
        "webm" => EvidenceSamples.Matroska("webm"),
        "mkv" => EvidenceSamples.Matroska("matroska"),
        "mp3-id3" => EvidenceSamples.Mp3(id3: true),
        "mp3-frames" => EvidenceSamples.Mp3(id3: false),
        "m4a" => EvidenceSamples.M4a(),
        "wav" => EvidenceSamples.Wav(),
        "ogg" => EvidenceSamples.OggOpus(),
        "png" => EvidenceSamples.Png(),
        "jpeg" => EvidenceSamples.Jpeg(),
        "gif" => EvidenceSamples.Gif(),
        "webp" => EvidenceSamples.WebP(),
        "pdf" => EvidenceSamples.Pdf(),
        "docx" => EvidenceSamples.Docx(),
        "xlsx" => EvidenceSamples.Xlsx(),
        "pptx" => EvidenceSamples.Pptx(),
        "odt" => EvidenceSamples.Odt(),
        "txt" => EvidenceSamples.Utf8Text(),
        "zip" => EvidenceSamples.Zip(),
        "exe" => EvidenceSamples.WindowsExecutable(),
        "doc" => EvidenceSamples.OldOfficeDocument(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_is_recognised_by_its_content(string sample, FileKind kind, string mediaType)
    {
        var detected = Detect(Sample(sample));
        Assert.Equal(kind, detected.Kind);
        Assert.Equal(mediaType, detected.MediaType);
        Assert.False(detected.Provisional);
    }

    [Fact]
    public void A_zip_archive_renamed_to_mp4_is_refused_as_what_it_really_is()
    {
        var detected = Detect(EvidenceSamples.Zip());
        Assert.False(detected.MayBe(FileKind.Video));
        Assert.Equal("This file is a ZIP archive, not a video. Upload MP4, MOV or WebM.", FileKinds.Refusal(detected, FileKind.Video));
    }

    [Fact]
    public void Refusals_name_the_real_type_and_every_accepted_format()
    {
        Assert.Equal("This file is a PDF document, not a video or an image. Upload MP4, MOV, WebM, PNG, JPEG, GIF or WebP.",
            FileKinds.Refusal(Detect(EvidenceSamples.Pdf()), FileKind.Video | FileKind.Image));
        Assert.Equal("This file is a Windows program, which is not accepted here. Upload video, audio, image, PDF, document or text files: " +
                     "MP4, MOV, WebM, MP3, M4A, WAV, OGG, PNG, JPEG, GIF, WebP, PDF, DOCX, XLSX, PPTX, ODT or TXT.",
            FileKinds.Refusal(Detect(EvidenceSamples.WindowsExecutable()), FileKinds.All));
        Assert.Equal("This file is an older Microsoft Office file (DOC, XLS or PPT), not a document. Upload DOCX, XLSX, PPTX or ODT.",
            FileKinds.Refusal(Detect(EvidenceSamples.OldOfficeDocument()), FileKind.Document));
        Assert.Equal("We could not recognise this file's type, so it cannot be used as an audio recording. Upload MP3, M4A, WAV or OGG.",
            FileKinds.Refusal(Detect(EvidenceSamples.Payload(5000, 42)), FileKind.Audio));
    }

    [Fact]
    public void Random_bytes_are_unknown_and_never_text()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var detected = Detect(EvidenceSamples.Payload(300, seed));
            Assert.Equal(FileKind.None, detected.Kind);
        }
    }

    [Fact]
    public void A_word_document_whose_main_part_lies_past_the_head_is_found_through_the_central_directory()
    {
        var docx = EvidenceSamples.Docx(padding: 200_000);
        var headOnly = ContentSniffer.Detect(Head(docx), [], docx.Length);
        Assert.True(headOnly.Provisional);
        Assert.Equal("application/zip", headOnly.MediaType);
        Assert.True(headOnly.MayBe(FileKind.Document), "a ZIP may still turn out to be a document");
        Assert.False(headOnly.MayBe(FileKind.Video), "but never a video");

        var complete = Detect(docx);
        Assert.Equal(FileKind.Document, complete.Kind);
        Assert.Equal("a Word document (DOCX)", complete.Description);
    }

    [Fact]
    public void Text_must_stay_text_to_the_end()
    {
        var text = EvidenceSamples.Utf8Text(2000);
        Assert.True(text.Length > ContentSniffer.HeadSize + ContentSniffer.TailSize);
        Assert.Equal(FileKind.Text, Detect(text).Kind);
        Assert.True(ContentSniffer.Detect(Head(text), [], text.Length).Provisional);

        var binaryEnd = text.Concat(EvidenceSamples.Payload(4096, 3)).ToArray();
        Assert.Equal(FileKind.None, Detect(binaryEnd).Kind);

        var latin1 = System.Text.Encoding.Latin1.GetBytes("Café réflexion, élèves motivés.\r\n");
        var eightBit = Detect(latin1);
        Assert.Equal(FileKind.Text, eightBit.Kind);
        Assert.Equal("text/plain", eightBit.MediaType);
    }

    [Fact]
    public void Web_pages_and_svg_are_not_accepted_as_text_or_images()
    {
        var svg = Detect("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray());
        Assert.Equal(FileKind.None, svg.Kind);
        Assert.Equal("an SVG drawing", svg.Description);
        var html = Detect("\n  <!DOCTYPE html><html><body>hi</body></html>"u8.ToArray());
        Assert.Equal(FileKind.None, html.Kind);
    }

    [Fact]
    public void Heic_photos_and_old_quicktime_files_are_told_apart_by_brand()
    {
        Assert.Equal("a HEIC photo", Detect(EvidenceSamples.IsoMedia("heic")).Description);
        Assert.Equal(FileKind.None, Detect(EvidenceSamples.IsoMedia("heic")).Kind);
        Assert.Equal(FileKind.Audio, Detect(EvidenceSamples.M4a()).Kind);
    }

    [Fact]
    public void An_empty_file_is_nothing()
    {
        var detected = ContentSniffer.Detect([], [], 0);
        Assert.Equal(FileKind.None, detected.Kind);
        Assert.Equal("an empty file", detected.Description);
    }

    [Fact]
    public void The_header_of_a_large_mp4_is_a_video_even_before_the_rest_arrives()
    {
        var header = EvidenceSamples.Mp4Header(3L << 30);
        var detected = ContentSniffer.Detect(header, [], 3L << 30);
        Assert.Equal(FileKind.Video, detected.Kind);
        Assert.True(detected.MayBe(FileKind.Video));
    }
}
