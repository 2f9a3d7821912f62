using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// "prompt": a file for one evidence prompt (the context is the prompt's id) of a draft of the acting earner. The
/// prompt decides: its accepted kinds and its size limit (never above <c>Uploads:MaxBytes</c>).
/// </summary>
public sealed class PromptUploadPolicy(AppDbContext db, ICurrentUser user, IOptions<UploadOptions> options) : IUploadPolicy
{
    public const string Name = "prompt";

    public string Purpose => Name;

    public async ValueTask<UploadRule> DecideAsync(Guid? contextId, CancellationToken ct)
    {
        if (contextId is not { } promptId || user.Id is not { } me) return UploadRule.Deny("Upload evidence from the prompt it answers.");
        var versionIds = await db.Submissions.AsNoTracking().Where(s => s.EarnerId == me && s.Status == SubmissionStatus.Draft)
            .Select(s => s.CredentialVersionId).Distinct().ToListAsync(ct);
        var versions = await db.CredentialVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToListAsync(ct);
        var prompt = versions.SelectMany(v => v.Content.Prompts).FirstOrDefault(p => p.Id == promptId);
        if (prompt is null) return UploadRule.Deny("This evidence can no longer be changed: the submission is not a draft.");
        if (prompt.Kind != EvidenceKind.Files) return UploadRule.Deny($"\"{prompt.Title}\" does not take files.");
        return UploadRule.Allow(Math.Min(prompt.MaxFileBytes ?? options.Value.MaxBytes, options.Value.MaxBytes), prompt.AcceptedFiles);
    }
}
