using MicroCred.Application.Common;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Evidence;

/// <summary>What may be uploaded somewhere: decided on the server, recorded on the upload session when it starts.</summary>
public sealed record UploadRule(bool Allowed, long MaxBytes, FileKind AllowedKinds, string? Refusal)
{
    public static UploadRule Allow(long maxBytes, FileKind kinds) => new(true, maxBytes, kinds, null);

    /// <param name="reason">Shown to the person, e.g. "This prompt takes a written reflection, not files."</param>
    public static UploadRule Deny(string reason) => new(false, 0, FileKind.None, reason);
}

/// <summary>
/// Decides the rule for one purpose of upload. The client names only the purpose and the id of what the upload
/// is for (sent in the tus <c>Upload-Metadata</c>); the policy looks that thing up and answers for the
/// signed-in member: may they upload there, how large, which kinds. Register more with
/// <c>services.AddScoped&lt;IUploadPolicy, MyPolicy&gt;()</c> (e.g. purpose "prompt": the prompt's accepted types and size).
/// </summary>
public interface IUploadPolicy
{
    /// <summary>The purpose this policy answers for (lower-case letters, digits and dashes).</summary>
    string Purpose { get; }

    ValueTask<UploadRule> DecideAsync(Guid? contextId, CancellationToken ct);
}

/// <summary>Finds the policy of a purpose; an unknown purpose is refused.</summary>
public sealed class UploadPolicies(IEnumerable<IUploadPolicy> policies)
{
    public async ValueTask<UploadRule> DecideAsync(string purpose, Guid? contextId, CancellationToken ct)
    {
        var policy = policies.FirstOrDefault(p => p.Purpose == purpose);
        return policy is null ? UploadRule.Deny($"Uploads for “{purpose}” are not accepted.") : await policy.DecideAsync(contextId, ct);
    }
}

/// <summary>
/// "library": a member's own evidence files ("My evidence files"), to be attached later. Any member of the
/// district, every kind, up to <c>Uploads:MaxBytes</c>.
/// </summary>
public sealed class LibraryUploadPolicy(IOptions<UploadOptions> options, CurrentMember member) : IUploadPolicy
{
    public const string Name = "library";

    public string Purpose => Name;

    public async ValueTask<UploadRule> DecideAsync(Guid? contextId, CancellationToken ct)
    {
        if (contextId is not null) return UploadRule.Deny("Files for your library are not uploaded for anything in particular.");
        if (await member.RolesAsync(ct) == DistrictRole.None) return UploadRule.Deny("Only members of this district can upload evidence here.");
        return UploadRule.Allow(options.Value.MaxBytes, FileKinds.All);
    }
}
