using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Evidence;

namespace MicroCred.UnitTests.Assessment;

/// <summary>What assessors are shown of evidence: under blind review, nothing the earner named themselves.</summary>
public sealed class BlindEvidenceTests
{
    private static (World World, Submission Submission, Guid FileId) WithNamedEvidence()
    {
        var w = new World();
        var s = Submission.Start(w.District, w.Earner, w.Credential, w.Version, 0, null, [], World.Now);
        var fileId = Guid.NewGuid();
        s.AttachFile(w.Version.Content.Prompts[0], fileId, "erin-earner-period-3.mp4", FileKind.Video, 1000, World.Now);
        s.WriteReflection(w.Version.Content.Prompts[1], "Students built on each other's ideas.", World.Now);
        return (w, s, fileId);
    }

    [Fact]
    public void Under_blind_review_files_get_neutral_labels_and_keep_their_kind()
    {
        var (w, s, fileId) = WithNamedEvidence();
        var sections = EvidenceViews.ForSubmission(w.Version.Content, s.Items, blind: true, new Dictionary<Guid, FileKind> { [fileId] = FileKind.Video });
        var file = sections[0].Items.Single();
        Assert.Equal(("Video 1", "video", fileId), (file.Label, file.MediaKind, file.FileId!.Value));
        Assert.DoesNotContain(sections.SelectMany(x => x.Items), i => i.Label.Contains("erin", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Students built on each other's ideas.", sections[1].Items.Single().Text); // the evidence itself is shown
    }

    [Fact]
    public void Without_blind_review_the_file_keeps_its_name_and_the_stored_kind_decides_how_it_plays()
    {
        var (w, s, fileId) = WithNamedEvidence();
        var sections = EvidenceViews.ForSubmission(w.Version.Content, s.Items, blind: false, new Dictionary<Guid, FileKind> { [fileId] = FileKind.Audio });
        var file = sections[0].Items.Single();
        Assert.Equal(("erin-earner-period-3.mp4", "audio"), (file.Label, file.MediaKind));
    }

    [Fact]
    public void A_file_whose_stored_copy_is_unknown_is_presented_by_the_prompts_kind()
    {
        var (w, s, _) = WithNamedEvidence();
        var file = EvidenceViews.ForSubmission(w.Version.Content, s.Items, blind: true, new Dictionary<Guid, FileKind>())[0].Items.Single();
        Assert.Equal(("Video 1", "video"), (file.Label, file.MediaKind)); // the prompt accepts video only
    }
}
