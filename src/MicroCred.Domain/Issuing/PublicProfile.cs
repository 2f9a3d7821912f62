using System.Text.RegularExpressions;
using MicroCred.Domain.Common;

namespace MicroCred.Domain.Issuing;

/// <summary>
/// A teacher's opt-in public page, <c>/public/profiles/{handle}</c>: the badges they choose to show, from any district.
/// Belongs to the person, not to a district (like their account), so it is global. Off until they turn it on;
/// turning it off makes the page disappear. Revoked badges are never shown, whatever was chosen.
/// </summary>
public sealed partial class PublicProfile
{
    public const int MinHandle = 3;
    public const int MaxHandle = 40;
    public const int MaxShown = 200;

    private PublicProfile() { }

    public Guid UserId { get; private set; }
    /// <summary>As the teacher wrote it (letters keep their case on the page).</summary>
    public string Handle { get; private set; } = "";
    /// <summary>Lowercase: handles are unique and looked up without regard to case.</summary>
    public string NormalizedHandle { get; private set; } = "";
    public bool IsPublic { get; private set; }
    /// <summary>The teacher's own assertions they chose to show, in the order they hold them.</summary>
    public List<Guid> ShownAssertionIds { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static PublicProfile Create(Guid userId, string? handle, bool isPublic, IEnumerable<Guid> shown, DateTimeOffset now)
    {
        var profile = new PublicProfile { UserId = userId, CreatedAt = now };
        profile.Update(handle, isPublic, shown, now);
        return profile;
    }

    public void Update(string? handle, bool isPublic, IEnumerable<Guid> shown, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(shown);
        Handle = CheckHandle(handle);
        NormalizedHandle = Normalize(Handle);
        var ids = shown.Distinct().ToList();
        if (ids.Count > MaxShown) throw new DomainException($"Show at most {MaxShown} badges.", nameof(ShownAssertionIds));
        ShownAssertionIds = ids;
        IsPublic = isPublic;
        UpdatedAt = now;
    }

    public static string Normalize(string handle) => handle.Trim().ToLowerInvariant();

    /// <summary>3–40 letters, digits or hyphens, starting and ending with a letter or digit: safe in a URL as it is.</summary>
    public static string CheckHandle(string? handle)
    {
        var h = handle?.Trim() ?? "";
        if (h.Length == 0) throw new DomainException("Choose a handle: it is the last part of your profile's address.", nameof(Handle));
        if (h.Length < MinHandle || h.Length > MaxHandle)
            throw new DomainException($"A handle has {MinHandle} to {MaxHandle} characters.", nameof(Handle));
        if (!HandlePattern().IsMatch(h))
            throw new DomainException("Use only letters a–z, digits and hyphens, starting and ending with a letter or digit (e.g. pat-rivera).", nameof(Handle));
        return h;
    }

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$")]
    private static partial Regex HandlePattern();
}
