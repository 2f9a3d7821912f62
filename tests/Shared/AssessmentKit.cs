using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Evidence;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Testing;

/// <summary>
/// Builds assessment situations in the cloned demo database: a fresh published credential (so only the assessors
/// a test qualifies are eligible), submitted work from demo earners, the district policy a test needs.
/// </summary>
public sealed class AssessmentKit(AppFixture fixture)
{
    public const string Admin = "admin@springfield.test";
    public const string Developer = "developer@springfield.test";
    public const string Issuer = "issuer@springfield.test";
    public const string Asa = "assessor@springfield.test";
    public const string Morgan = "morgan.lee@springfield.test";
    public const string Jordan = "jordan.kim@springfield.test";
    public const string Pat = "pat.rivera@springfield.test";
    public const string Erin = "earner@springfield.test";
    public const string Taylor = "taylor.brooks@springfield.test";
    public const string OtherDistrictAssessor = "assessor@shelbyville.test";

    public async Task<T> As<T>(string email, Func<ISender, Task<T>> act, string district = "springfield")
    {
        await using var scope = await fixture.As(email, district);
        return await act(AppFixture.Get<ISender>(scope));
    }

    public async Task As(string email, Func<ISender, Task> act, string district = "springfield")
    {
        await using var scope = await fixture.As(email, district);
        await act(AppFixture.Get<ISender>(scope));
    }

    public async Task<T> Db<T>(Func<AppDbContext, Task<T>> read, string district = "springfield")
    {
        await using var scope = await fixture.As(Admin, district);
        return await read(AppFixture.Get<AppDbContext>(scope));
    }

    /// <summary>The demo email of a user id (assessors chosen automatically).</summary>
    public async Task<string> EmailOf(Guid userId) => await Db(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email!).SingleAsync());

    public Task Policy(AssignmentMode mode, int doubleScoringPercent, bool blindReview = true, bool forbidSameSchool = true, int calibrationThreshold = 80, bool autoAward = false) =>
        As(Admin, s => s.Send(new UpdateDistrictPolicy(null, mode, 5, blindReview, doubleScoringPercent, forbidSameSchool, 80, calibrationThreshold, autoAward, false, false)).AsTask());

    public async Task Qualify(Guid credentialId, params string[] assessors)
    {
        foreach (var email in assessors)
        {
            var id = await fixture.UserId(email);
            await As(Admin, s => s.Send(new ChangeQualification(id, credentialId, QualificationChange.Qualify)).AsTask());
        }
    }

    public async Task<int> AssignWaitingWork() => (await As(Admin, s => s.Send(new AssignWaitingWorkNow()).AsTask())).Made;

    /// <summary>Publishes a credential with <paramref name="criteria"/> criteria, levels Not yet → Exemplary, passing at Proficient.</summary>
    public async Task<(Guid Id, Rubric Rubric, CredentialContent Content)> Credential(string name, int criteria = 3)
    {
        await using var scope = await fixture.As(Developer, "springfield");
        var db = AppFixture.Get<AppDbContext>(scope);
        using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestCredential", null);
        var (tenantId, _) = await fixture.District("springfield");
        var developer = await fixture.UserId(Developer);
        var now = DateTimeOffset.UtcNow;
        var (credential, draft) = MicroCredential.Create(tenantId, name, Rubric.DefaultLevelNames, developer, now);
        draft.Revise(Content(name, criteria));
        credential.Publish(draft, null, developer, now);
        db.MicroCredentials.Add(credential);
        db.CredentialVersions.Add(draft);
        await db.SaveChangesAsync();
        return (credential.Id, draft.Content.Rubric, draft.Content);
    }

    /// <summary>An uploaded file of a demo earner, not attached to anything yet.</summary>
    public sealed record UploadedFile(Guid Id, string Name, FileKind Kind, long Length);

    /// <summary>Uploads a file as the earner would (the resumable upload's commands, in one piece).</summary>
    public async Task<UploadedFile> Upload(string earner, string fileName, byte[] bytes)
    {
        var started = await As(earner, s => s.Send(new CreateUpload(fileName, bytes.Length, "library", null)).AsTask());
        var done = await As(earner, s => s.Send(new AppendToUpload(started.Id, 0, bytes.Length, new MemoryStream(bytes))).AsTask());
        var kind = await Db(db => db.StoredFiles.Where(f => f.Id == done.FileId).Select(f => f.Kind).SingleAsync());
        return new UploadedFile(done.FileId ?? throw new InvalidOperationException($"The upload was refused: {done.Refusal}"), fileName, kind, bytes.Length);
    }

    /// <summary>
    /// Submits work by a demo earner: a reflection, a link and, when given, a file: an uploaded one (attached for real)
    /// or just a name (its name shows only without blind review).
    /// </summary>
    public async Task<Guid> Submit(string earner, Guid credentialId, DateTimeOffset? at = null, string? fileName = null, string reflection = "", UploadedFile? file = null)
    {
        await using var scope = await fixture.As(earner, "springfield");
        var db = AppFixture.Get<AppDbContext>(scope);
        using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestSubmission", null);
        var credential = await db.MicroCredentials.SingleAsync(c => c.Id == credentialId);
        var version = await db.CredentialVersions.SingleAsync(v => v.Id == credential.PublishedVersionId);
        var when = at ?? DateTimeOffset.UtcNow;
        var attempts = await db.Submissions.CountAsync(s => s.EarnerId == AppFixture.Get<Application.Common.ICurrentUser>(scope).Id && s.CredentialId == credentialId);
        var submission = Submission.Start(credential.TenantId, (await fixture.UserId(earner)), credential, version, attempts, null, [], when.AddDays(-1));
        var prompts = version.Content.Prompts;
        submission.WriteReflection(prompts.Single(p => p.Kind == EvidenceKind.Reflection),
            reflection.Length > 0 ? reflection : "In this lesson my students argued about which model fits the data and revised their claims after hearing each other.", when.AddDays(-1));
        submission.AddLink(prompts.Single(p => p.Kind == EvidenceKind.Link), "https://docs.example.org/plan/42", "My lesson plan", when.AddDays(-1));
        if (fileName is not null)
            submission.AttachFile(prompts.Single(p => p.Kind == EvidenceKind.Files), Guid.NewGuid(), fileName, FileKind.Video, 10_000, when.AddDays(-1));
        if (file is not null)
        {
            submission.AttachFile(prompts.Single(p => p.Kind == EvidenceKind.Files), file.Id, file.Name, file.Kind, file.Length, when.AddDays(-1));
            await AppFixture.Get<Application.Evidence.EvidenceAttachments>(scope).AttachAsync(file.Id, "Submission", submission.Id, null, default);
        }
        submission.Submit(version.Content, when);
        db.Submissions.Add(submission);
        await db.SaveChangesAsync();
        return submission.Id;
    }

    /// <summary>A new credential only Asa is qualified for, in a district that assigns work and double-scores nothing.</summary>
    public async Task<(Guid Id, Rubric Rubric)> SingleAssessorCredential(string name)
    {
        await Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, forbidSameSchool: false);
        var (id, rubric, _) = await Credential(name);
        await Qualify(id, Asa);
        return (id, rubric);
    }

    /// <summary>Work by <paramref name="earner"/>, scored by its assigned assessor at these level points (2 = Proficient, the passing level).</summary>
    public async Task<Guid> Scored(Guid credentialId, Rubric rubric, string earner, params int[] points)
    {
        var id = await Submit(earner, credentialId);
        await AssignWaitingWork();
        var assessor = (await Assignments(id)).Single(a => a.IsActive).AssessorId;
        await As(await EmailOf(assessor), s => s.Send(new SubmitScore(id, Levels(rubric, points), OverallFeedback)).AsTask());
        return id;
    }

    /// <summary>The overall feedback <see cref="Scored"/> gives.</summary>
    public const string OverallFeedback = "Overall feedback.";

    /// <summary>Work scored at the passing level and awarded by the Issuer; returns the submission.</summary>
    public async Task<Guid> Awarded(Guid credentialId, Rubric rubric, string earner)
    {
        var id = await Scored(credentialId, rubric, earner, 2, 2, 2);
        await As(Issuer, s => s.Send(new Application.Features.Issuing.DecideSubmissions([id], Application.Features.Issuing.Decision.Award, null)).AsTask());
        return id;
    }

    public async Task<List<Assignment>> Assignments(Guid submissionId) =>
        await Db(db => db.Assignments.AsNoTracking().Where(a => a.SubmissionId == submissionId).OrderBy(a => a.AssignedAt).ToListAsync());

    public async Task<SubmissionStatus> Status(Guid submissionId) => await Db(db => db.Submissions.Where(s => s.Id == submissionId).Select(s => s.Status).SingleAsync());

    /// <summary>Criterion scores at these level points, with feedback on every criterion.</summary>
    public static IReadOnlyList<CriterionScore> Levels(Rubric rubric, params int[] points) =>
        rubric.Criteria.Select((c, i) => new CriterionScore(c.Id, rubric.Levels[points[i]].Id, $"Feedback on {c.Title} at {rubric.Levels[points[i]].Name}.")).ToList();

    public static CredentialContent Content(string name, int criteria)
    {
        var levels = Rubric.DefaultLevelNames.Select(n => new RubricLevel(Guid.NewGuid(), n)).ToList();
        var reflection = new EvidencePrompt(Guid.NewGuid(), "Reflection", "What did your students say and do?", EvidenceKind.Reflection, FileKind.None, null, null, null, true);
        var link = new EvidencePrompt(Guid.NewGuid(), "Lesson plan", "Link to your plan.", EvidenceKind.Link, FileKind.None, null, null, null, true);
        var video = new EvidencePrompt(Guid.NewGuid(), "Classroom recording", "Ten minutes of the lesson, as video or audio.", EvidenceKind.Files, FileKind.Video | FileKind.Audio, 100L << 20, null, null, false);
        var rubricCriteria = Enumerable.Range(1, criteria).Select(i => new RubricCriterion(Guid.NewGuid(), $"Criterion {i} of {name}",
            levels.ToDictionary(l => l.Id, l => $"{l.Name} descriptor of criterion {i}"), [reflection.Id, link.Id, video.Id])).ToList();
        return new CredentialContent(name, "Short description.", "The competency.", "Key method", ["Component"], "Research.",
            [new Citation("A study (2020)", "https://example.org/study")], [new Resource(Guid.NewGuid(), "Guide", ResourceKind.Article, "https://example.org/guide", null, null)],
            [reflection, link, video], new Rubric(levels, rubricCriteria, new PassingRule(levels[2].Id, null)),
            [new Alignment("ISTE Standards for Educators", "2.5.a", "Designer", "https://iste.org/standards", null)], 10, [], [], [], null);
    }
}
