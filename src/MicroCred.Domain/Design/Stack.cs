using MicroCred.Domain.Common;

namespace MicroCred.Domain.Design;

/// <summary>
/// An ordered group of micro-credentials (principle P). A sequential stack makes each credential require the
/// ones before it; earning them all earns the stack's own badge.
/// </summary>
public sealed class Stack : ITenantOwned
{
    private Stack() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public bool Sequential { get; private set; }
    public Guid? ImageId { get; private set; }
    /// <summary>Micro-credential ids (not versions), in order.</summary>
    public List<Guid> CredentialIds { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Published stacks are public (catalog, stack page) and their order binds earners when sequential.</summary>
    public bool IsPublished => PublishedAt is not null;

    public static Stack Create(Guid tenantId, string name, string description, bool sequential, IReadOnlyList<Guid> credentialIds, DateTimeOffset now)
    {
        var stack = new Stack { Id = Guid.CreateVersion7(now), TenantId = tenantId, CreatedAt = now };
        stack.Update(name, description, sequential, credentialIds);
        return stack;
    }

    public void Update(string name, string description, bool sequential, IReadOnlyList<Guid> credentialIds)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new DomainException("Give the stack a name.", nameof(Name));
        if (name.Trim().Length > 200) throw new DomainException("The name must be at most 200 characters.", nameof(Name));
        if (description.Length > 5000) throw new DomainException("The description must be at most 5000 characters.", nameof(Description));
        if (credentialIds.Count < 2) throw new DomainException("A stack groups at least two micro-credentials.", nameof(CredentialIds));
        if (credentialIds.Count > 20) throw new DomainException("A stack groups at most 20 micro-credentials.", nameof(CredentialIds));
        if (credentialIds.Distinct().Count() != credentialIds.Count) throw new DomainException("Each micro-credential appears once in a stack.", nameof(CredentialIds));
        Name = name.Trim();
        Description = description.Trim();
        Sequential = sequential;
        CredentialIds = credentialIds.ToList();
    }

    public void UseImage(Guid? imageId) => ImageId = imageId;

    public void Publish(DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(Description)) throw new DomainException("Describe the stack before publishing it.", nameof(Description));
        PublishedAt ??= now;
    }

    /// <summary>For a sequential stack, the credentials before this one that the earner has not earned yet.</summary>
    public IReadOnlyList<Guid> MissingPrerequisites(Guid credentialId, IReadOnlySet<Guid> earned)
    {
        var position = CredentialIds.IndexOf(credentialId);
        if (!Sequential || position <= 0) return [];
        return CredentialIds.Take(position).Where(id => !earned.Contains(id)).ToList();
    }

    public bool IsCompletedBy(IReadOnlySet<Guid> earned) => CredentialIds.All(earned.Contains);

    /// <summary>
    /// What an earner still has to earn before starting <paramref name="credentialId"/>, across every published
    /// sequential stack it belongs to (unpublished stacks bind nobody). Empty means they may start it. Each missing
    /// credential is listed once, with the first stack that requires it, in stack order.
    /// </summary>
    public static IReadOnlyList<MissingPrerequisite> MissingPrerequisites(IEnumerable<Stack> stacks, Guid credentialId, IReadOnlySet<Guid> earned)
    {
        var missing = new List<MissingPrerequisite>();
        foreach (var stack in stacks.Where(s => s.IsPublished).OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Id))
        {
            foreach (var id in stack.MissingPrerequisites(credentialId, earned))
                if (missing.TrueForAll(m => m.CredentialId != id)) missing.Add(new MissingPrerequisite(id, stack.Id));
        }
        return missing;
    }
}

/// <summary>A credential the earner must earn first, and the sequential stack that requires it.</summary>
public sealed record MissingPrerequisite(Guid CredentialId, Guid StackId);
