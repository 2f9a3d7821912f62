namespace MicroCred.Application.Common;

/// <summary>The district the current request or job acts in. Empty means "no district": tenant-owned queries return nothing.</summary>
public interface ITenantContext
{
    Guid? TenantId { get; }
    string? Slug { get; }
}

/// <summary>Who is acting. Empty for anonymous visitors and system jobs.</summary>
public interface ICurrentUser
{
    Guid? Id { get; }
    string? Email { get; }
    string? Name { get; }
    /// <summary>Request id for correlating audit entries with logs.</summary>
    string? RequestId { get; }
    /// <summary>
    /// Whether this browser session signed in with a second factor; null when the caller is not a browser session (a job,
    /// a seed, a test scope), whose authority was checked where it started.
    /// </summary>
    bool? SignedInWithSecondFactor => null;
}

/// <summary>Per-scope holder filled by the web layer (from the path and the cookie) or by a job.</summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? TenantId { get; private set; }
    public string? Slug { get; private set; }

    public void Set(Guid tenantId, string slug)
    {
        TenantId = tenantId;
        Slug = slug;
    }

    public void Clear()
    {
        TenantId = null;
        Slug = null;
    }
}

public sealed class CurrentUser : ICurrentUser
{
    public Guid? Id { get; private set; }
    public string? Email { get; private set; }
    public string? Name { get; private set; }
    public string? RequestId { get; set; }
    public bool? SignedInWithSecondFactor { get; set; }

    public void Set(Guid id, string? email, string? name)
    {
        Id = id;
        Email = email;
        Name = name;
    }

    public void Clear()
    {
        Id = null;
        Email = null;
        Name = null;
    }
}

/// <summary>Absolute links for emails and badges, on the configured public base URL.</summary>
public interface ILinkBuilder
{
    Uri BaseUrl { get; }
    string Absolute(string path);
}
