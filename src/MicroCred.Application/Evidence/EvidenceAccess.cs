using MicroCred.Application.Common;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Evidence;

/// <summary>The facts about a stored file that access rules decide on.</summary>
public sealed record EvidenceFileRef(Guid FileId, Guid OwnerId, string? AttachedToType, Guid? AttachedToId);

/// <summary>May the acting person read (view, download) an evidence file of the current district?</summary>
public interface IEvidenceAccess
{
    ValueTask<bool> CanReadAsync(EvidenceFileRef file, CancellationToken ct);
}

/// <summary>
/// One reason someone may read an evidence file; access is granted when any registered rule grants it. The
/// submission feature adds its own, e.g. "assessors assigned to the submission the file is attached to", with
/// <c>services.AddScoped&lt;IEvidenceReadRule, AssignedAssessorsMayRead&gt;()</c>.
/// </summary>
public interface IEvidenceReadRule
{
    ValueTask<bool> AllowsAsync(EvidenceFileRef file, CancellationToken ct);
}

public sealed class EvidenceAccess(IEnumerable<IEvidenceReadRule> rules) : IEvidenceAccess
{
    public async ValueTask<bool> CanReadAsync(EvidenceFileRef file, CancellationToken ct)
    {
        foreach (var rule in rules)
            if (await rule.AllowsAsync(file, ct)) return true;
        return false;
    }
}

/// <summary>The person who uploaded a file may always read it.</summary>
public sealed class OwnerMayRead(ICurrentUser user) : IEvidenceReadRule
{
    public ValueTask<bool> AllowsAsync(EvidenceFileRef file, CancellationToken ct) => ValueTask.FromResult(user.Id == file.OwnerId);
}

/// <summary>The district's Admins may read every evidence file of the district.</summary>
public sealed class DistrictAdminsMayRead(CurrentMember member) : IEvidenceReadRule
{
    public async ValueTask<bool> AllowsAsync(EvidenceFileRef file, CancellationToken ct) => await member.HasAnyAsync(DistrictRole.Admin, ct);
}
