using MicroCred.Application.Common;
using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>The platform's own settings (section <c>Platform</c>).</summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>Emails of the platform operators: they get <c>/operator</c> (verify, suspend districts) and nothing else.</summary>
    public List<string> Operators { get; set; } = [];

    /// <summary>How many emails a day (UTC) an unverified district may send to people outside it.</summary>
    public int UnverifiedDailyEmails { get; set; } = 50;

    public bool IsOperator(string? email) =>
        !string.IsNullOrWhiteSpace(email) && Operators.Any(o => string.Equals(o.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Counts the acting district's emails to people outside it (claim links, invitations) against the daily cap of an
/// unverified district. Call inside the command that queues the email; the command saves the count with it.
/// </summary>
public sealed class OutsideEmails(AppDbContext db, ITenantContext tenant, IOptions<PlatformOptions> options, TimeProvider clock)
{
    public int DailyCap => options.Value.UnverifiedDailyEmails;

    /// <summary>Whether one more email to someone outside the district may go now (counted either way).</summary>
    public async Task<bool> TrySendAsync(CancellationToken ct)
    {
        var district = await db.Districts.SingleAsync(d => d.Id == tenant.TenantId, ct);
        return district.TrySendOutsideEmail(clock.GetUtcNow(), DailyCap);
    }

    /// <summary>The sentence shown when the cap held an email back: why, and what lifts it.</summary>
    public string CapReached => CapReachedFor(DailyCap);

    public static string CapReachedFor(int dailyCap) => $"Not emailed: this district is not verified yet, so it may email at most {dailyCap} people outside it a day (UTC), and today's are used. A platform operator lifts the limit by verifying the district.";
}
