using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Application.Features.Evidence;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using MicroCred.OpenBadges.Baking;

namespace MicroCred.Application.Seeding;

/// <summary>
/// Springfield's earners at every step of their journey, on the catalog's credentials, with real small files (a PNG,
/// a PDF, a WAV) generated here and stored through <see cref="IEvidenceStore"/> like any upload: Erin has one credential
/// awarded, a draft with partial evidence and a plan; Casey has work submitted (waiting, still withdrawable) and, after a
/// "Not yet" on an assessed piece, a second attempt started from the first; Riley withdrew a submission to improve it;
/// Pat has a "Not yet" to act on. Runs after <see cref="AssessmentSeed"/> and only decides its latest scored work (its
/// reviews, scores and queue are untouched). The district recommends two credentials.
/// </summary>
internal sealed class EvidenceSeed(AppDbContext db, TenantContext tenant, IEvidenceStore store)
{
    public async Task SeedAsync(District springfield, IReadOnlyDictionary<string, User> people, DateTimeOffset now, CancellationToken ct)
    {
        tenant.Set(springfield.Id, springfield.Slug);
        Guid Id(string email) => people[email].Id;
        Guid erin = Id("earner@springfield.test"), casey = Id("casey.nguyen@springfield.test"), riley = Id("riley.chen@springfield.test"),
            pat = Id("pat.rivera@springfield.test"), admin = Id("admin@springfield.test");

        var leadership = await PublishedAsync(DesignSeed.CollectiveLeadership, ct);
        var culture = await PublishedAsync(DesignSeed.EquitableCulture, ct);
        var goingPublic = await PublishedAsync(DesignSeed.GoingPublic, ct);
        var videoFeedback = await PublishedAsync(DesignSeed.VideoFeedback, ct);

        // Erin: Collective Leadership awarded (the first step of the sequential leadership stack), evidence private.
        var awarded = Start(springfield.Id, erin, leadership, now.AddDays(-70));
        await FileAsync(awarded, leadership, 0, "team-charter.pdf", Pdf("Team charter: purpose, norms, roles and how we decide."), now.AddDays(-66), ct);
        await FileAsync(awarded, leadership, 1, "student-work-before-after.png", Png(96, 64, 0x2b6cb0), now.AddDays(-65), ct);
        awarded.WriteReflection(leadership.Version.Content.Prompts[2], Words(560), now.AddDays(-64));
        awarded.Submit(leadership.Version.Content, now.AddDays(-63));
        awarded.StartReview(now.AddDays(-62));
        awarded.MarkScored(now.AddDays(-58));
        awarded.Award("Clear evidence of shared decisions and of the team's effect on student work.", now.AddDays(-56));
        Plan(springfield.Id, erin, leadership.Credential.Id, null, now.AddDays(-70));

        // Erin: a draft with partial evidence (a photo of the agreements, a reflection begun) and a target date coming up.
        var draft = Start(springfield.Id, erin, culture, now.AddDays(-9));
        await FileAsync(draft, culture, 0, "class-agreements.png", Png(120, 80, 0x1a7f37), now.AddDays(-8), ct);
        draft.WriteReflection(culture.Version.Content.Prompts[2], Words(180), now.AddDays(-2));
        Plan(springfield.Id, erin, culture.Credential.Id, DateOnly.FromDateTime(now.AddDays(10).UtcDateTime), now.AddDays(-9));
        // ... and the next step of her stack on the plan, not started yet.
        Plan(springfield.Id, erin, goingPublic.Credential.Id, DateOnly.FromDateTime(now.AddDays(75).UtcDateTime), now.AddDays(-40));

        // Casey: complete work submitted this morning; no assessor is qualified for it yet, so it waits (and can be withdrawn).
        var submitted = Start(springfield.Id, casey, culture, now.AddDays(-20));
        await FileAsync(submitted, culture, 0, "our-agreements.pdf", Pdf("Our class agreements, written together in September."), now.AddDays(-18), ct);
        await FileAsync(submitted, culture, 1, "participation-tally.png", Png(140, 90, 0x8a5a00), now.AddDays(-12), ct);
        submitted.WriteReflection(culture.Version.Content.Prompts[2], Words(620), now.AddDays(-1));
        submitted.Submit(culture.Version.Content, now.AddHours(-3));
        Plan(springfield.Id, casey, culture.Credential.Id, null, now.AddDays(-20));

        // Riley: submitted, then withdrew to add more before review started: a draft again, evidence intact.
        var withdrawn = Start(springfield.Id, riley, culture, now.AddDays(-15));
        await FileAsync(withdrawn, culture, 0, "agreements-poster.png", Png(100, 100, 0x7a3e9d), now.AddDays(-14), ct);
        await FileAsync(withdrawn, culture, 1, "referrals-by-group.pdf", Pdf("Referrals by student group, September and October."), now.AddDays(-14), ct);
        withdrawn.WriteReflection(culture.Version.Content.Prompts[2], Words(540), now.AddDays(-6));
        withdrawn.Submit(culture.Version.Content, now.AddDays(-5));
        withdrawn.Withdraw(now.AddDays(-4));
        Plan(springfield.Id, riley, culture.Credential.Id, DateOnly.FromDateTime(now.AddDays(30).UtcDateTime), now.AddDays(-15));

        // Decisions on the assessment story's latest scored work: Casey "Not yet" then a second attempt from the same
        // evidence (with a recording added), Pat "Not yet" to act on.
        var policy = await db.DistrictPolicies.SingleAsync(ct);
        if (await LatestScoredAsync(casey, ct) is { } caseyScored)
        {
            caseyScored.Deny("The reflection describes the lesson well; the feedback asks for students' own words. Try again with them.", now.AddDays(-6));
            var second = caseyScored.StartNextAttempt(policy.MaxAttempts, now.AddDays(-5));
            db.Submissions.Add(second);
            var version = await db.CredentialVersions.SingleAsync(v => v.Id == second.CredentialVersionId, ct);
            if (version.Content.Prompts.FirstOrDefault(p => p.Kind == EvidenceKind.Files && (p.AcceptedFiles & FileKind.Audio) != 0) is { } audio)
                await FileAsync(second, audio, "small-group-talk.wav", Wav(2), now.AddDays(-4), ct);
        }
        if (await LatestScoredAsync(pat, ct) is { } patScored)
            patScored.Deny("Please add the lesson plan you taught from and quote students in the reflection.", now.AddDays(-2));

        db.Recommendations.Add(CredentialRecommendation.Make(springfield.Id, videoFeedback.Credential.Id, null,
            "Our focus this year: every teacher studies a video of their own teaching.", admin, now.AddDays(-30)));
        if (await db.Schools.FirstOrDefaultAsync(s => s.Name == "Springfield Elementary", ct) is { } elementary)
            db.Recommendations.Add(CredentialRecommendation.Make(springfield.Id, culture.Credential.Id, elementary.Id,
                "Part of the elementary school's belonging initiative.", admin, now.AddDays(-25)));

        await db.SaveChangesAsync(ct);
        tenant.Clear();
    }

    private sealed record Published(MicroCredential Credential, CredentialVersion Version);

    private async Task<Published> PublishedAsync(string name, CancellationToken ct)
    {
        var version = await db.CredentialVersions.SingleAsync(v => v.Name == name && v.Status == VersionStatus.Published, ct);
        return new(await db.MicroCredentials.SingleAsync(c => c.Id == version.CredentialId, ct), version);
    }

    private Submission Start(Guid tenantId, Guid earner, Published credential, DateTimeOffset at)
    {
        var submission = Submission.Start(tenantId, earner, credential.Credential, credential.Version, 0, null, [], at);
        db.Submissions.Add(submission);
        return submission;
    }

    private void Plan(Guid tenantId, Guid earner, Guid credentialId, DateOnly? target, DateTimeOffset at)
    {
        var entry = PlanEntry.Add(tenantId, earner, credentialId, at);
        entry.Target(target, at);
        db.PlanEntries.Add(entry);
    }

    /// <summary>The earner's most recent scored work that has no later attempt at the same credential.</summary>
    private async Task<Submission?> LatestScoredAsync(Guid earner, CancellationToken ct)
    {
        var mine = await db.Submissions.Include(s => s.Items).Where(s => s.EarnerId == earner).ToListAsync(ct);
        return mine.Where(s => s.Status == SubmissionStatus.Scored && !mine.Any(o => o.CredentialId == s.CredentialId && o.Attempt > s.Attempt))
            .OrderByDescending(s => s.ScoredAt).FirstOrDefault();
    }

    private Task FileAsync(Submission submission, Published credential, int prompt, string name, byte[] bytes, DateTimeOffset at, CancellationToken ct) =>
        FileAsync(submission, credential.Version.Content.Prompts[prompt], name, bytes, at, ct);

    /// <summary>Stores the bytes as the upload protocol would (recognised by content, hashed) and attaches the file to the prompt.</summary>
    private async Task FileAsync(Submission submission, EvidencePrompt prompt, string name, byte[] bytes, DateTimeOffset at, CancellationToken ct)
    {
        var upload = UploadSession.Start(submission.TenantId, submission.EarnerId, name, bytes.Length, PromptUploadPolicy.Name, prompt.Id,
            prompt.MaxFileBytes ?? bytes.Length, prompt.AcceptedFiles, TimeSpan.FromHours(24), at);
        upload.UseStorage(await store.BeginUploadAsync(submission.TenantId, upload.Id, ct));
        using (var body = new MemoryStream(bytes)) await store.AppendAsync(upload.StorageHandle, 0, bytes.Length, body, ct);
        upload.Append(0, bytes.Length, at);
        var key = await store.CompleteUploadAsync(upload.StorageHandle, bytes.Length, ct);
        var content = ContentSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024)), bytes.AsSpan(Math.Max(0, bytes.Length - 64 * 1024)), bytes.Length);
        var file = StoredFile.FromUpload(upload, content, Convert.ToHexStringLower(SHA256.HashData(bytes)), key, at);
        upload.Complete(file.Id, at);
        var item = submission.AttachFile(prompt, file.Id, name, file.Kind, file.Length, at);
        file.AttachTo(EarnerData.AttachmentType, item.Id, at);
        db.UploadSessions.Add(upload);
        db.StoredFiles.Add(file);
    }

    private static readonly string[] Sentences =
    [
        "At the start of the term I asked the class what a good learning community looks like.",
        "Students wrote their ideas on sticky notes and we grouped them together.",
        "Two students who rarely speak suggested the agreement about listening without interrupting.",
        "We revisit the agreements every Monday and students rate how well we kept them.",
        "The participation tally showed that boys answered twice as often as girls in September.",
        "I started using think-pair-share before every whole-class question.",
        "By October the gap in who answered had almost closed.",
        "One student told me that she feels her ideas matter in this class.",
        "Referrals dropped after we agreed on a restorative conversation instead of sending students out.",
        "I still need to find better ways to include students who are new to English.",
    ];

    private static string Words(int count)
    {
        var words = new List<string>();
        for (var i = 0; words.Count < count; i++) words.AddRange(Sentences[i % Sentences.Length].Split(' '));
        return string.Join(' ', words.Take(count)) + ".";
    }

    // ---------------------------------------------------------------- small, real sample files

    /// <summary>A real RGB PNG: a two-colour gradient of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] Png(int width, int height, int rgb)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                var shade = 0.35 + 0.65 * x / Math.Max(1, width - 1);
                raw.WriteByte((byte)(((rgb >> 16) & 0xFF) * shade));
                raw.WriteByte((byte)(((rgb >> 8) & 0xFF) * shade));
                raw.WriteByte((byte)((rgb & 0xFF) * shade + (y % 16 < 2 ? 40 : 0)));
            }
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) raw.WriteTo(z);
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        PngChunkWriter.Write(png, "IHDR", header);
        PngChunkWriter.Write(png, "IDAT", compressed.ToArray());
        PngChunkWriter.Write(png, "IEND", []);
        return png.ToArray();
    }


    /// <summary>A one-page PDF with a line of text, with a correct cross-reference table.</summary>
    public static byte[] Pdf(string line)
    {
        var text = line.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)");
        var stream = $"BT /F1 14 Tf 56 780 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) pdf.Append($"{o:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A short mono 16-bit PCM WAV: a soft 440 Hz tone of <paramref name="seconds"/> seconds at 8 kHz.</summary>
    public static byte[] Wav(int seconds)
    {
        const int rate = 8000;
        var samples = rate * seconds;
        var output = new MemoryStream();
        var w = new BinaryWriter(output);
        w.Write("RIFF"u8); w.Write(36 + samples * 2); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(rate); w.Write(rate * 2); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(samples * 2);
        for (var i = 0; i < samples; i++) w.Write((short)(Math.Sin(2 * Math.PI * 440 * i / rate) * 3000));
        return output.ToArray();
    }
}
