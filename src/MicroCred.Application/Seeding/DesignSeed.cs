using MicroCred.Domain.Evidence;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using MicroCred.OpenBadges.Baking;

namespace MicroCred.Application.Seeding;

/// <summary>
/// The demo districts' micro-credentials and stacks, created by sending the real design commands as each district's
/// demo Developer (so the quality gate, the image checks and the audit trail apply exactly as they do for people).
/// Springfield gets eight credentials (six published, one draft, one retired) in two stacks; Shelbyville two, so
/// isolation between districts is visible. The names are constants here for tests and screenshots; ids are
/// generated, so look them up by name.
/// </summary>
public sealed partial class DesignSeed(ISender sender, TenantContext tenant, CurrentUser user)
{
    public const string Discourse = "Facilitating Productive Discourse";
    public const string EquitableCulture = "Sustaining an Equitable Classroom Culture";
    public const string VideoFeedback = "Video-Based Feedback for Instructional Growth";
    public const string CollectiveLeadership = "Collective Leadership";
    public const string GoingPublic = "Going Public with Pedagogy";
    public const string VirtualOrganizing = "Virtual Community Organizing";
    /// <summary>Springfield's draft: never in the catalog.</summary>
    public const string ExitTickets = "Formative Assessment with Digital Exit Tickets";
    /// <summary>Springfield's retired credential: published once, now out of the catalog.</summary>
    public const string Whiteboard = "Interactive Whiteboard Fluency";
    public const string StudentCenteredStack = "Student-Centered Classroom";
    /// <summary>Sequential: Collective Leadership, then Going Public with Pedagogy, then Virtual Community Organizing.</summary>
    public const string LeadershipStack = "Teacher Leadership Pathway";
    public const string RestorativeCircles = "Restorative Circles in Advisory";
    /// <summary>Shelbyville's draft.</summary>
    public const string SmallGroupReading = "Data-Driven Small-Group Reading Instruction";

    /// <summary>The assessment story's two credentials (see AssessmentSeed): their prompts ask for no required files.</summary>
    public const string AccountableTalk = "Accountable Talk in Small Groups";
    public const string FeedbackThatMoves = "Feedback That Moves Learning";

    /// <summary>Everything Springfield's public catalog lists.</summary>
    public static readonly IReadOnlyList<string> SpringfieldPublished =
        [Discourse, EquitableCulture, VideoFeedback, CollectiveLeadership, GoingPublic, VirtualOrganizing, AccountableTalk, FeedbackThatMoves];

    public async Task SeedAsync(IReadOnlyDictionary<string, District> districts, IReadOnlyDictionary<string, User> people, CancellationToken ct)
    {
        await AsDeveloperOf(districts, people, DemoData.Springfield.Slug, () => SeedSpringfieldAsync(ct));
        await AsDeveloperOf(districts, people, DemoData.Shelbyville.Slug, () => SeedShelbyvilleAsync(ct));
    }

    private async Task AsDeveloperOf(IReadOnlyDictionary<string, District> districts, IReadOnlyDictionary<string, User> people, string slug, Func<Task> seed)
    {
        var account = DemoData.Accounts.First(a => a.District == slug && a.Roles.HasFlag(DistrictRole.Developer));
        var developer = people[account.Email];
        tenant.Set(districts[slug].Id, slug);
        user.Set(developer.Id, developer.Email, account.Name);
        try
        {
            await seed();
        }
        finally
        {
            user.Clear();
            tenant.Clear();
        }
    }

    private async Task SeedSpringfieldAsync(CancellationToken ct)
    {
        await sender.Send(new UpdateDesignSettings(Rubric.DefaultLevelNames, Frameworks), ct);

        var ids = new Dictionary<string, Guid>();
        foreach (var content in SpringfieldCredentials())
        {
            // Two carry uploaded images (an SVG and a PNG, through the same checks as any upload); the rest the generated default.
            (string, byte[])? image = content.Name switch
            {
                Discourse => ("discourse-badge.svg", DiscourseBadgeSvg()),
                CollectiveLeadership => ("collective-leadership.png", RingsPng(256, 0x1f5f8b, 0xf2b134)),
                _ => null,
            };
            ids[content.Name] = await PublishAsync(content, ct, image);
        }

        var whiteboard = await PublishAsync(WhiteboardCredential(), ct);
        await sender.Send(new RetireCredential(whiteboard), ct);

        var draft = await sender.Send(new CreateCredential(ExitTickets), ct);
        await sender.Send(new SaveCredentialDraft(draft, ExitTicketsDraft()), ct);

        var studentCentered = await sender.Send(new CreateStack(StudentCenteredStack,
            "Three practices that put students' thinking at the centre of the lesson: productive discussion, a classroom culture in which " +
            "every student is expected to contribute, and studying video of your own teaching to improve both. Earn them in any order.",
            Sequential: false, [ids[Discourse], ids[EquitableCulture], ids[VideoFeedback]]), ct);
        await sender.Send(new PublishStack(studentCentered), ct);

        var leadership = await sender.Send(new CreateStack(LeadershipStack,
            "A pathway for teachers who lead without leaving the classroom: first lead a collaborative team, then make your practice " +
            "public, then organise colleagues beyond your school online. Each step builds on the one before, so they are earned in order.",
            Sequential: true, [ids[CollectiveLeadership], ids[GoingPublic], ids[VirtualOrganizing]]), ct);
        await sender.Send(new PublishStack(leadership), ct);
    }

    private async Task SeedShelbyvilleAsync(CancellationToken ct)
    {
        await sender.Send(new UpdateDesignSettings(Rubric.DefaultLevelNames, Frameworks), ct);
        await PublishAsync(RestorativeCirclesCredential(), ct);
        var draft = await sender.Send(new CreateCredential(SmallGroupReading), ct);
        await sender.Send(new SaveCredentialDraft(draft, SmallGroupReadingDraft()), ct);
    }

    private async Task<Guid> PublishAsync(CredentialContent content, CancellationToken ct, (string FileName, byte[] Bytes)? image = null)
    {
        var id = await sender.Send(new CreateCredential(content.Name), ct);
        await sender.Send(new SaveCredentialDraft(id, content), ct);
        if (image is { } upload) await sender.Send(new UploadCredentialImage(id, upload.FileName, upload.Bytes), ct);
        await sender.Send(new PublishCredential(id), ct);
        return id;
    }

    // ------------------------------------------------------------------ building blocks

    private static readonly IReadOnlyList<StandardsFramework> Frameworks =
    [
        new(Iste, IsteUrl, "ISTE Standards for Educators (2017): Learner, Leader, Citizen, Collaborator, Designer, Facilitator, Analyst."),
        new(InTasc, InTascUrl, "CCSSO InTASC Model Core Teaching Standards (2013): ten standards for what effective teachers know and do."),
    ];

    private const string Iste = "ISTE Standards for Educators";
    private const string IsteUrl = "https://iste.org/standards/educators";
    private const string InTasc = "InTASC Model Core Teaching Standards";
    private const string InTascUrl = "https://ccsso.org/resource-library/intasc-model-core-teaching-standards-and-learning-progressions-teachers-10";

    private static Alignment IsteStandard(string code, string name, string indicator) => new(Iste, code, name, IsteUrl, indicator);
    private static Alignment InTascStandard(int number, string name, string summary) => new(InTasc, $"Standard #{number}", name, InTascUrl, summary);

    private static readonly Guid[] LevelIds = [.. Rubric.DefaultLevelNames.Select(_ => Guid.NewGuid())];

    private static Rubric FourLevelRubric(IReadOnlyList<(string Title, EvidencePrompt[] Judges, string NotYet, string Developing, string Proficient, string Exemplary)> criteria, int? minimumTotal = null)
    {
        var levels = Rubric.DefaultLevelNames.Select((name, i) => new RubricLevel(LevelIds[i], name)).ToList();
        var rows = criteria.Select(c => new RubricCriterion(Guid.NewGuid(), c.Title,
            new Dictionary<Guid, string> { [levels[0].Id] = c.NotYet, [levels[1].Id] = c.Developing, [levels[2].Id] = c.Proficient, [levels[3].Id] = c.Exemplary },
            c.Judges.Select(p => p.Id).ToList())).ToList();
        return new Rubric(levels, rows, new PassingRule(levels[2].Id, minimumTotal));
    }

    private const long Megabyte = 1024 * 1024;

    private static EvidencePrompt Video(string title, string instructions, long maxBytes = 2048 * Megabyte) =>
        new(Guid.NewGuid(), title, instructions, EvidenceKind.Files, FileKind.Video, maxBytes, null, null, true);

    private static EvidencePrompt Files(string title, string instructions, FileKind kinds, long maxBytes = 25 * Megabyte, bool required = true) =>
        new(Guid.NewGuid(), title, instructions, EvidenceKind.Files, kinds, maxBytes, null, null, required);

    private static EvidencePrompt Reflection(string title, string instructions, int minWords, int maxWords) =>
        new(Guid.NewGuid(), title, instructions, EvidenceKind.Reflection, FileKind.None, null, minWords, maxWords, true);

    private static EvidencePrompt Link(string title, string instructions, bool required = true) =>
        new(Guid.NewGuid(), title, instructions, EvidenceKind.Link, FileKind.None, null, null, null, required);

    private static Resource Resource(string title, ResourceKind kind, string url, string description) => new(Guid.NewGuid(), title, kind, url, null, description);

    // ------------------------------------------------------------------ images

    /// <summary>An SVG badge as a designer would upload it: speech bubbles for discourse.</summary>
    private static byte[] DiscourseBadgeSvg() => Encoding.UTF8.GetBytes("""
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
          <title>Facilitating Productive Discourse badge</title>
          <defs>
            <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
              <stop offset="0" stop-color="#2b78ad"/>
              <stop offset="1" stop-color="#164766"/>
            </linearGradient>
          </defs>
          <circle cx="256" cy="256" r="244" fill="url(#bg)"/>
          <circle cx="256" cy="256" r="214" fill="none" stroke="#ffffff" stroke-opacity="0.6" stroke-width="8"/>
          <path d="M120 150h170a30 30 0 0 1 30 30v80a30 30 0 0 1-30 30h-100l-50 40v-40h-20a30 30 0 0 1-30-30v-80a30 30 0 0 1 30-30z" fill="#ffffff"/>
          <path d="M392 230h-50v70a40 40 0 0 1-40 40h-70v10a30 30 0 0 0 30 30h80l40 34v-34h10a30 30 0 0 0 30-30v-90a30 30 0 0 0-30-30z" fill="#f2b134"/>
          <circle cx="170" cy="220" r="14" fill="#1f5f8b"/>
          <circle cx="215" cy="220" r="14" fill="#1f5f8b"/>
          <circle cx="260" cy="220" r="14" fill="#1f5f8b"/>
        </svg>
        """);

    /// <summary>A PNG badge (concentric rings) written by hand: signature, IHDR, one zlib IDAT, IEND.</summary>
    private static byte[] RingsPng(int size, int inner, int outer)
    {
        var raw = new byte[size * (1 + size * 4)];
        var centre = (size - 1) / 2.0;
        for (var y = 0; y < size; y++)
        {
            var row = y * (1 + size * 4);
            raw[row] = 0; // filter: none
            for (var x = 0; x < size; x++)
            {
                var distance = Math.Sqrt((x - centre) * (x - centre) + (y - centre) * (y - centre)) / (size / 2.0);
                var colour = distance < 0.55 ? inner : distance < 0.72 ? 0xffffff : distance < 0.98 ? outer : -1;
                var p = row + 1 + x * 4;
                if (colour < 0) continue; // transparent outside the badge
                raw[p] = (byte)(colour >> 16);
                raw[p + 1] = (byte)(colour >> 8);
                raw[p + 2] = (byte)colour;
                raw[p + 3] = 255;
            }
        }
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(raw);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        PngChunkWriter.Write(png, "IHDR", header);
        PngChunkWriter.Write(png, "IDAT", compressed.ToArray());
        PngChunkWriter.Write(png, "IEND", []);
        return png.ToArray();
    }

}
