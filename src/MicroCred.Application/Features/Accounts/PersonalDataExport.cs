using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Public;
using MicroCred.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Application.Features.Accounts;

/// <summary>
/// Everything the platform holds about the signed-in person, as one ZIP written straight to the response (evidence
/// files can be large, so nothing is held whole in memory): the account, memberships, every submission in every
/// district with its evidence files and feedback, every badge with its Open Badges 2.0 document and baked image, and
/// every credit request. The person's own rows only: submissions are read in each district they belong to, acting
/// there as themselves; badges and credit requests through the only cross-district reads of them (their own).
/// </summary>
public sealed class PersonalDataExport(IServiceScopeFactory scopes, AppDbContext db, ICurrentUser user, IEvidenceStore store, ISender sender)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A file for people to read, never HTML: apostrophes and accents stay as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The file name offered for the download.</summary>
    public static string FileName(DateTimeOffset now) => $"microcred-my-data-{now:yyyy-MM-dd}.zip";

    public async Task WriteAsync(Stream output, CancellationToken ct)
    {
        var me = user.Id ?? throw new InvalidOperationException("Only a signed-in person has data to export.");
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);

        var account = await db.Users.AsNoTracking().Where(u => u.Id == me)
            .Select(u => new { u.Email, u.DisplayName, u.EmailConfirmed, u.CreatedAt, u.TwoFactorEnabled }).SingleAsync(ct);
        await WriteJsonAsync(zip, "account.json", account, ct);

        var memberships = await db.Memberships.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking().Where(m => m.UserId == me)
            .Join(db.Districts, m => m.TenantId, d => d.Id, (m, d) => new { d.Id, d.Slug, d.Name, m.Roles, m.JoinedAt })
            .OrderBy(m => m.Slug).ToListAsync(ct);
        await WriteJsonAsync(zip, "memberships.json", memberships.Select(m => new { District = m.Name, m.Slug, Roles = m.Roles.ToString(), m.JoinedAt }), ct);

        foreach (var district in memberships)
            await WriteSubmissionsAsync(zip, me, account.Email!, account.DisplayName, district.Id, district.Slug, ct);

        var badges = await db.Assertions.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking().Where(a => a.RecipientId == me)
            .OrderBy(a => a.IssuedOn).Select(a => a.Id).ToListAsync(ct);
        foreach (var id in badges)
        {
            var badge = await sender.Send(new GetPublicAssertion(id), ct);
            await WriteJsonAsync(zip, $"badges/{id}.json", badge.Json, ct);
            var baked = await sender.Send(new GetBakedBadge(id, Svg: false), ct);
            await WriteBytesAsync(zip, $"badges/{id}.png", baked.Data, ct);
        }

        var credit = await db.CreditRequests.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking().Where(r => r.RequesterId == me)
            .Join(db.Districts, r => r.TenantId, d => d.Id, (r, d) => new
            {
                Organisation = d.Name, r.BadgeName, r.IssuerName, Badge = r.AssertionId, r.Note, r.SubmittedAt, r.Status,
                r.DecidedAt, r.DeclineReason, r.CreditTypeName, r.CreditUnit, r.Units, r.RescindedAt, r.RescissionReason,
            })
            .OrderBy(r => r.SubmittedAt).ToListAsync(ct);
        await WriteJsonAsync(zip, "credit-requests.json", credit, ct);

        await WriteBytesAsync(zip, "README.txt", System.Text.Encoding.UTF8.GetBytes(
            $"""
            Everything MicroCred holds about {account.DisplayName} <{account.Email}>.

            account.json           your account
            memberships.json       the districts and organisations you belong to, with your roles
            districts/<district>/submissions.json
                                   your work in that district: every attempt, your answers, links and files, the decision
                                   and the feedback on each criterion
            districts/<district>/files/<submission code>/
                                   the evidence files you uploaded, byte for byte
            badges/<id>.json       each badge's Open Badges 2.0 assertion, as any verifier reads it at its URL
            badges/<id>.png        the same badge baked into its image, to upload to any Open Badges backpack
            credit-requests.json   credit you asked organisations for, and what they decided

            """), ct);
    }

    /// <summary>One district's submissions of the person, read in that district as themselves.</summary>
    private async Task WriteSubmissionsAsync(ZipArchive zip, Guid me, string email, string name, Guid districtId, string slug, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(districtId, slug);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(me, email, name);
        var districtDb = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var submissions = await districtDb.Submissions.AsNoTracking().Include(s => s.Items).Where(s => s.EarnerId == me)
            .OrderBy(s => s.CreatedAt).ToListAsync(ct);
        if (submissions.Count == 0) return;
        var versions = submissions.Select(s => s.CredentialVersionId).Distinct().ToList();
        var credentials = await districtDb.CredentialVersions.AsNoTracking().Where(v => versions.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        var fileIds = submissions.SelectMany(s => s.Items).Where(i => i.FileId != null).Select(i => i.FileId!.Value).ToList();
        var files = await districtDb.StoredFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id) && f.OwnerId == me && f.DeletedAt == null)
            .ToDictionaryAsync(f => f.Id, ct);

        var written = new List<object>();
        foreach (var submission in submissions)
        {
            var version = credentials[submission.CredentialVersionId];
            var prompts = version.Content.Prompts.ToDictionary(p => p.Id, p => p.Title);
            var items = new List<object>();
            foreach (var item in submission.Items.OrderBy(i => i.CreatedAt))
            {
                object? stored = null;
                if (item.FileId is { } fileId && files.TryGetValue(fileId, out var file))
                {
                    var path = $"districts/{slug}/files/{submission.Code}/{fileId:N}-{SafeName(file.FileName)}";
                    stored = await WriteFileAsync(zip, path, file.StorageKey, ct)
                        ? new { file.FileName, file.Length, file.Sha256, Path = path }
                        : new { file.FileName, file.Length, file.Sha256, Path = (string?)null, Missing = "The file's bytes are no longer stored." };
                }
                items.Add(new
                {
                    Prompt = prompts.GetValueOrDefault(item.PromptId), Kind = item.Kind, item.Text, item.Url, item.Title, File = stored,
                    item.CreatedAt, item.UpdatedAt,
                });
            }
            var feedback = submission.Status is SubmissionStatus.Draft or SubmissionStatus.Submitted or SubmissionStatus.InReview
                ? null : await districtDb.FinalScoreAsync(submission.Id, version.Content.Rubric, ct);
            written.Add(new
            {
                Credential = version.Name, submission.Code, submission.Attempt, Status = submission.Status.Label(),
                submission.CreatedAt, submission.SubmittedAt, submission.DecidedAt, submission.DecisionNote, submission.EvidencePublic,
                Evidence = items, Feedback = feedback,
            });
        }
        await WriteJsonAsync(zip, $"districts/{slug}/submissions.json", written, ct);
    }

    /// <summary>Copies a stored file into the archive; false when its bytes are gone (the archive still says it existed).</summary>
    private async Task<bool> WriteFileAsync(ZipArchive zip, string path, string key, CancellationToken ct)
    {
        Stream bytes;
        try
        {
            bytes = await store.OpenReadAsync(key, ct);
        }
        catch (EvidenceBytesMissingException)
        {
            return false;
        }
        await using (bytes)
        {
            var entry = zip.CreateEntry(path, CompressionLevel.NoCompression); // video and images are compressed already
            await using var target = await entry.OpenAsync(ct);
            await bytes.CopyToAsync(target, ct);
        }
        return true;
    }

    /// <summary>A file name safe inside a ZIP on any system: no folders, no characters Windows refuses.</summary>
    private static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var safe = new string([.. name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim(' ', '.');
        return safe.Length == 0 ? "file" : safe.Length > 120 ? safe[..120] : safe;
    }

    private static async Task WriteJsonAsync<T>(ZipArchive zip, string path, T value, CancellationToken ct)
    {
        await using var target = await zip.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(ct);
        await JsonSerializer.SerializeAsync(target, value, Json, ct);
    }

    private static async Task WriteBytesAsync(ZipArchive zip, string path, byte[] bytes, CancellationToken ct)
    {
        await using var target = await zip.CreateEntry(path, CompressionLevel.NoCompression).OpenAsync(ct);
        await target.WriteAsync(bytes, ct);
    }
}
