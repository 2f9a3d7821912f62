using System.Text.RegularExpressions;
using MicroCred.Domain.Common;

namespace MicroCred.Domain.Tenancy;

/// <summary>
/// A tenant: a school district (or any organisation) that runs micro-credentials and issues badges.
/// The district row itself is public information (its name and issuer profile appear on every badge),
/// so it is not tenant-owned; everything the district owns is.
/// </summary>
public sealed partial class District
{
    private District() { }

    public Guid Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>The name on the Open Badges issuer profile, e.g. "Springfield Public Schools".</summary>
    public string IssuerName { get; private set; } = "";
    public string? Website { get; private set; }
    public string ContactEmail { get; private set; } = "";
    /// <summary>Brand colour, used for generated badge images. Hex like #1f5f8b.</summary>
    public string Color { get; private set; } = DefaultColor;
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>
    /// The district grants credit for badges (it has defined a credit type), so teachers anywhere may ask it for
    /// credit. Public, like the rest of this row: it puts the district on the list of recognizers.
    /// </summary>
    public bool AcceptsCreditRequests { get; private set; }
    /// <summary>When an Admin put the "getting started" checklist away (it also goes once every step is done).</summary>
    public DateTimeOffset? GettingStartedDismissedAt { get; private set; }
    /// <summary>The day (UTC) the Admins were last emailed about work needing attention: at most once a day.</summary>
    public DateOnly? AttentionEmailedOn { get; private set; }

    /// <summary>
    /// When a platform operator verified the district. Until then it may email only a few people outside it a day
    /// (anyone can sign a district up, so a new one must not be a free mail relay with our name on it).
    /// </summary>
    public DateTimeOffset? VerifiedAt { get; private set; }
    /// <summary>When a platform operator suspended the district (null: not suspended), and why.</summary>
    public DateTimeOffset? SuspendedAt { get; private set; }
    public string? SuspensionReason { get; private set; }
    /// <summary>The UTC day the two counters below are for.</summary>
    public DateOnly? OutsideEmailsOn { get; private set; }
    /// <summary>Emails sent that day to people outside the district (claim links, invitations).</summary>
    public int OutsideEmailsSent { get; private set; }
    /// <summary>Emails not sent that day because an unverified district reached its daily cap.</summary>
    public int OutsideEmailsHeld { get; private set; }

    public bool IsVerified => VerifiedAt is not null;
    public bool IsSuspended => SuspendedAt is not null;
    public const int MaxSuspensionReason = 500;

    public const string DefaultColor = "#1f5f8b";

    public static District SignUp(string name, string slug, string issuerName, string? website, string contactEmail, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Name = Guard.Required(name, nameof(Name), "District name", 120),
        Slug = DistrictSlug.Validate(slug),
        IssuerName = Guard.Required(issuerName, nameof(IssuerName), "Issuer name", 160),
        Website = Guard.HttpUrl(website, nameof(Website), "Website"),
        ContactEmail = Guard.Email(contactEmail, nameof(ContactEmail), "Contact email"),
        CreatedAt = now,
    };

    public void UpdateProfile(string name, string issuerName, string? website, string contactEmail, string? color)
    {
        Name = Guard.Required(name, nameof(Name), "District name", 120);
        IssuerName = Guard.Required(issuerName, nameof(IssuerName), "Issuer name", 160);
        Website = Guard.HttpUrl(website, nameof(Website), "Website");
        ContactEmail = Guard.Email(contactEmail, nameof(ContactEmail), "Contact email");
        var c = string.IsNullOrWhiteSpace(color) ? DefaultColor : color.Trim().ToLowerInvariant();
        if (!HexColor().IsMatch(c)) throw new DomainException("Colour must be a hex colour like #1f5f8b.", nameof(Color));
        Color = c;
    }

    /// <summary>Lists the district among recognizers; called when it defines its first credit type.</summary>
    public void AcceptCreditRequests() => AcceptsCreditRequests = true;

    /// <summary>An Admin puts the "getting started" checklist away for the whole district.</summary>
    public void DismissGettingStarted(DateTimeOffset now)
    {
        if (GettingStartedDismissedAt is not null) throw new DomainException("The getting started checklist is already put away.");
        GettingStartedDismissedAt = now;
    }

    /// <summary>Whether the Admins may be emailed about work needing attention today (not yet today, UTC).</summary>
    public bool MayEmailAttention(DateTimeOffset now) => AttentionEmailedOn != DateOnly.FromDateTime(now.UtcDateTime);

    public void AttentionEmailed(DateTimeOffset now)
    {
        if (!MayEmailAttention(now)) throw new DomainException("The Admins were already told about waiting work today.");
        AttentionEmailedOn = DateOnly.FromDateTime(now.UtcDateTime);
    }

    /// <summary>A platform operator vouches for the district: its emails to people outside it are no longer capped.</summary>
    public void Verify(DateTimeOffset now)
    {
        if (IsVerified) throw new DomainException($"{Name} was already verified on {VerifiedAt:d MMMM yyyy}.");
        VerifiedAt = now;
    }

    /// <summary>
    /// A platform operator stops the district: its members can no longer act in it and it issues nothing. Badges it
    /// issued keep verifying (revoking them is a separate decision).
    /// </summary>
    public void Suspend(string? reason, DateTimeOffset now)
    {
        if (IsSuspended) throw new DomainException($"{Name} is already suspended.");
        SuspensionReason = Guard.Required(reason, "Reason", "The reason for suspending", MaxSuspensionReason);
        SuspendedAt = now;
    }

    public void Unsuspend()
    {
        if (!IsSuspended) throw new DomainException($"{Name} is not suspended.");
        SuspendedAt = null;
        SuspensionReason = null;
    }

    /// <summary>Emails to people outside the district sent today (UTC).</summary>
    public int OutsideEmailsSentOn(DateTimeOffset now) => OutsideEmailsOn == DateOnly.FromDateTime(now.UtcDateTime) ? OutsideEmailsSent : 0;

    /// <summary>Emails to people outside the district held back today (UTC) by the cap of an unverified district.</summary>
    public int OutsideEmailsHeldOn(DateTimeOffset now) => OutsideEmailsOn == DateOnly.FromDateTime(now.UtcDateTime) ? OutsideEmailsHeld : 0;

    /// <summary>
    /// Counts one email to someone outside the district and says whether it may go: always for a verified district,
    /// otherwise while fewer than <paramref name="dailyCap"/> went today (UTC). A refused one is counted as held back.
    /// </summary>
    public bool TrySendOutsideEmail(DateTimeOffset now, int dailyCap)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (OutsideEmailsOn != today)
        {
            OutsideEmailsOn = today;
            OutsideEmailsSent = 0;
            OutsideEmailsHeld = 0;
        }
        if (!IsVerified && OutsideEmailsSent >= dailyCap)
        {
            OutsideEmailsHeld++;
            return false;
        }
        OutsideEmailsSent++;
        return true;
    }

    [GeneratedRegex("^#[0-9a-f]{6}$")]
    private static partial Regex HexColor();
}
