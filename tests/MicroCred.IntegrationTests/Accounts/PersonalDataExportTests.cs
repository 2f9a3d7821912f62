using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Accounts;

/// <summary>A person downloads everything the platform holds about them, and nothing about anyone else.</summary>
public sealed class PersonalDataExportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Casey = "casey.nguyen@springfield.test";
    private const string Taylor = "taylor.brooks@springfield.test";
    private readonly AssessmentKit kit = new(fixture);

    /// <summary>Work by <paramref name="earner"/> with an uploaded file, scored and awarded; returns the submission, its file's bytes and the badge.</summary>
    private async Task<(Guid Submission, byte[] File, Guid Badge)> AwardedWorkWithAFile(string earner, string credentialName, string reflection)
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, forbidSameSchool: false);
        var (credentialId, rubric, _) = await kit.Credential(credentialName);
        await kit.Qualify(credentialId, AssessmentKit.Asa);
        var bytes = EvidenceSamples.Mp4(payload: 300_000);
        var file = await kit.Upload(earner, "lesson recording.mp4", bytes);
        var id = await kit.Submit(earner, credentialId, reflection: reflection, file: file);
        await kit.AssignWaitingWork();
        var assessor = (await kit.Assignments(id)).Single(a => a.IsActive).AssessorId;
        await kit.As(await kit.EmailOf(assessor), s => s.Send(new SubmitScore(id, AssessmentKit.Levels(rubric, 2, 2, 2), "Clear, well-argued evidence.")).AsTask());
        await kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([id], Decision.Award, null)).AsTask());
        var badge = await kit.Db(db => db.Assertions.Where(a => a.SubmissionId == id).Select(a => a.Id).SingleAsync());
        return (id, bytes, badge);
    }

    private static async Task<string> Text(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(path) ?? throw new Xunit.Sdk.XunitException($"{path} is not in the archive: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var reader = new StreamReader(await entry.OpenAsync());
        return await reader.ReadToEndAsync();
    }

    private static async Task<byte[]> Bytes(ZipArchiveEntry entry)
    {
        await using var stream = await entry.OpenAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_teacher_downloads_their_work_files_badges_and_credit_and_nothing_of_anyone_else()
    {
        var (submission, file, badge) = await AwardedWorkWithAFile(Casey, "Export: Casey's credential", "Casey wrote this reflection on the lesson.");
        var (otherSubmission, _, otherBadge) = await AwardedWorkWithAFile(Taylor, "Export: Taylor's credential", "Taylor wrote this private reflection.");
        var code = await kit.Db(db => db.Submissions.Where(s => s.Id == submission).Select(s => s.Code).SingleAsync());
        var otherCode = await kit.Db(db => db.Submissions.Where(s => s.Id == otherSubmission).Select(s => s.Code).SingleAsync());

        using var casey = new HttpSession(fixture.BaseAddress);
        await casey.LogInAsync(Casey);
        var page = await casey.PageAsync("/account/manage/data");
        Assert.NotNull(page.QuerySelector("#download-my-data"));
        var response = await casey.SubmitAsync("/account/manage/data", new Dictionary<string, string>(), "Download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        await using var zip = await ZipArchive.CreateAsync(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read, false, null);

        Assert.Equal(Casey, JsonNode.Parse(await Text(zip, "account.json"))!["email"]!.GetValue<string>());
        Assert.Contains("springfield", await Text(zip, "memberships.json"));
        Assert.Contains($"Everything MicroCred holds about", await Text(zip, "README.txt"));
        var work = JsonNode.Parse(await Text(zip, "districts/springfield/submissions.json"))!.AsArray();
        var mine = work.Single(w => w!["code"]!.GetValue<string>() == code)!;
        Assert.Equal("Export: Casey's credential", mine["credential"]!.GetValue<string>());
        Assert.Contains(mine["evidence"]!.AsArray(), i => i!["text"]?.GetValue<string>() == "Casey wrote this reflection on the lesson.");
        Assert.Equal("Clear, well-argued evidence.", mine["feedback"]!["overall"]!.GetValue<string>());

        // The uploaded file, byte for byte, where the submission says it is.
        var path = mine["evidence"]!.AsArray().Select(i => i!["file"]?["path"]?.GetValue<string>()).Single(p => p is not null)!;
        Assert.Equal(SHA256.HashData(file), SHA256.HashData(await Bytes(zip.GetEntry(path)!)));

        // The badge as any verifier reads it, and baked.
        var assertion = JsonNode.Parse(await Text(zip, $"badges/{badge}.json"))!;
        Assert.EndsWith($"/public/assertions/{badge}", assertion["id"]!.GetValue<string>());
        var png = await Bytes(zip.GetEntry($"badges/{badge}.png")!);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Contains("openbadges", System.Text.Encoding.Latin1.GetString(png));
        // The demo seed gave Casey one pending request at the State Board.
        var credit = JsonNode.Parse(await Text(zip, "credit-requests.json"))!.AsArray();
        Assert.Contains(credit, r => r!["organisation"]!.GetValue<string>().Contains("State Board") && r["status"]!.GetValue<string>() == "Pending");

        // Nothing of Taylor's: not their work, not their badge.
        var everything = string.Join("\n", await Task.WhenAll(zip.Entries.Where(e => e.FullName.EndsWith(".json")).Select(e => Text(zip, e.FullName))));
        Assert.DoesNotContain(otherCode, everything);
        Assert.DoesNotContain("Taylor wrote this private reflection.", everything);
        Assert.Null(zip.GetEntry($"badges/{otherBadge}.json"));
        Assert.DoesNotContain(zip.Entries, e => e.FullName.StartsWith("districts/shelbyville/"));
    }

    [Fact]
    public async Task Only_a_signed_in_person_downloads_and_only_their_own()
    {
        using var anonymous = new HttpSession(fixture.BaseAddress);
        var refused = await anonymous.PostAsync("/account/manage/data?handler=Download", new Dictionary<string, string>(), token: null);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/login", refused.Headers.Location!.OriginalString);
    }
}
