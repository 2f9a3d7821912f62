using System.Globalization;
using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Recognition;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Recognition;

/// <summary>
/// The district's report for Admins over a date range (inclusive, UTC days). What each figure counts (the page says it too):
/// <list type="bullet">
/// <item>Badges issued (and per month): every badge the district issued in the range, by its issue date, however it was
/// issued (a decision, by hand, an import, a stack) and whatever its status today: the same badges as the Issuer's list
/// of issued badges for those dates. <see cref="IssuedBadges"/> splits them by basis and says how many were revoked since.</item>
/// <item>Per micro-credential: awarded and "not yet" count decisions made in the range; submissions count work submitted in it.</item>
/// <item>PD hours and teachers: micro-credential badges issued in the range and not revoked (an expired badge still counts:
/// the hours were earned), a credential earned again counting once.</item>
/// <item>Credit granted: requests this district decided in the range as a recognizer.</item>
/// </list>
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetDistrictReport(DateOnly? From = null, DateOnly? To = null) : IQuery<DistrictReport>;

public sealed record DistrictReport(DateOnly From, DateOnly To, IReadOnlyList<MonthRow> AwardsByMonth, IReadOnlyList<CredentialReportRow> Credentials,
    IReadOnlyList<TeacherHoursRow> Teachers, IReadOnlyList<SchoolHoursRow> Schools, IReadOnlyList<RecognitionRow> Recognition, int RecognitionDeclined)
{
    public IssuedBadgeCounts IssuedBadges { get; init; } = new(0, 0, 0, 0, 0);
    public decimal PdHours => Teachers.Sum(t => t.Hours);
}

/// <summary>Badges issued in the range by basis (see <see cref="Domain.Issuing.AwardBasis"/>), and how many of them were revoked since.</summary>
public sealed record IssuedBadgeCounts(int Assessed, int Stack, int PriorLearning, int Migrated, int RevokedSince)
{
    public int Total => Assessed + Stack + PriorLearning + Migrated;
}

/// <summary>A calendar month ("2026-03") and the badges issued in it.</summary>
public sealed record MonthRow(string Month, int Awarded);

/// <summary>
/// One micro-credential: awarded and "not yet" decisions in the range, the pass rate among them; submissions in
/// the range and how many were resubmissions (attempt 2 or later); the median days from submission to decision.
/// </summary>
public sealed record CredentialReportRow(Guid CredentialId, string Name, int Awarded, int NotYet, double? PassRate, int Submitted, int Resubmissions,
    double? ResubmissionRate, double? MedianTurnaroundDays);

public sealed record TeacherHoursRow(string Name, string Email, string? School, int Credentials, decimal Hours);

public sealed record SchoolHoursRow(string School, int Teachers, int Credentials, decimal Hours);

/// <summary>Credit this district granted as a recognizer in the range, per credit type (by its name when granted).</summary>
public sealed record RecognitionRow(string CreditType, string Unit, int Approved, decimal Units, int Teachers);

public sealed class GetDistrictReportValidator : AbstractValidator<GetDistrictReport>
{
    public GetDistrictReportValidator()
    {
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("The end date must be on or after the start date.");
        RuleFor(q => q).Must(q => q.From is null || q.To is null || q.To.Value.DayNumber - q.From.Value.DayNumber <= 366 * 10)
            .OverridePropertyName(nameof(GetDistrictReport.From)).WithMessage("Choose a range of at most ten years.");
    }
}

public sealed class GetDistrictReportHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<GetDistrictReport, DistrictReport>
{
    public const string NoSchool = "No school given";

    public async ValueTask<DistrictReport> Handle(GetDistrictReport query, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = query.To ?? today;
        var from = query.From ?? to.AddMonths(-12).AddDays(1);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => (s.DecidedAt >= start && s.DecidedAt < end) || (s.SubmittedAt >= start && s.SubmittedAt < end))
            .Select(s => new { s.EarnerId, s.CredentialId, s.CredentialVersionId, s.Attempt, s.Status, s.SubmittedAt, s.DecidedAt })
            .ToListAsync(ct);
        var names = (await db.CredentialVersions.AsNoTracking().OrderBy(v => v.Number).Select(v => new { v.CredentialId, v.Name }).ToListAsync(ct))
            .GroupBy(v => v.CredentialId).ToDictionary(g => g.Key, g => g.Last().Name);
        // Every badge issued in the range, as the Issuer's list shows them: the headline and the months count these.
        var issued = await db.Assertions.AsNoTracking().Where(a => a.IssuedOn >= start && a.IssuedOn < end)
            .Select(a => new { a.IssuedOn, a.Basis, Revoked = a.RevokedAt != null }).ToListAsync(ct);
        // PD hours follow the micro-credential badges issued in the range, however they were issued, unless revoked: a
        // badge that expired since still counts (the hours were earned then), and a credential earned again counts once.
        var badges = (await db.Assertions.AsNoTracking().Where(a => a.RevokedAt == null)
                .Where(a => a.CredentialVersionId != null && a.IssuedOn >= start && a.IssuedOn < end)
                .Select(a => new { EarnerId = a.RecipientId, CredentialId = a.CredentialId!.Value, CredentialVersionId = a.CredentialVersionId!.Value, a.IssuedOn })
                .ToListAsync(ct))
            .OrderByDescending(b => b.IssuedOn).DistinctBy(b => (b.EarnerId, b.CredentialId)).ToList();
        var versionIds = submissions.Select(s => s.CredentialVersionId).Concat(badges.Select(b => b.CredentialVersionId)).Distinct().ToList();
        var hours = await db.CredentialVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .ToDictionaryAsync(v => v.Id, v => v.EstimatedHours ?? 0, ct);

        bool Decided(DateTimeOffset? at) => at >= start && at < end;
        var decided = submissions.Where(s => Decided(s.DecidedAt) && s.Status is SubmissionStatus.Awarded or SubmissionStatus.NotYet).ToList();
        var submitted = submissions.Where(s => s.SubmittedAt >= start && s.SubmittedAt < end).ToList();

        var months = new List<MonthRow>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            var key = m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            months.Add(new MonthRow(key, issued.Count(a => a.IssuedOn.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture) == key)));
        }

        var credentials = decided.Select(s => s.CredentialId).Concat(submitted.Select(s => s.CredentialId)).Distinct()
            .Select(id =>
            {
                var mine = decided.Where(s => s.CredentialId == id).ToList();
                var pass = mine.Count(s => s.Status == SubmissionStatus.Awarded);
                var sent = submitted.Where(s => s.CredentialId == id).ToList();
                var resubmitted = sent.Count(s => s.Attempt > 1);
                var turnaround = mine.Where(s => s.SubmittedAt is not null).Select(s => (s.DecidedAt!.Value - s.SubmittedAt!.Value).TotalDays).ToList();
                return new CredentialReportRow(id, names.GetValueOrDefault(id, "Unknown micro-credential"), pass, mine.Count - pass,
                    Rate(pass, mine.Count), sent.Count, resubmitted, Rate(resubmitted, sent.Count), Median(turnaround));
            })
            .OrderByDescending(c => c.Awarded).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

        var people = await db.Memberships.AsNoTracking()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Email, m.SchoolId })
            .ToListAsync(ct);
        var schools = await db.Schools.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var teachers = badges.GroupBy(s => s.EarnerId).Select(g =>
            {
                var person = people.FirstOrDefault(p => p.Id == g.Key);
                var school = person?.SchoolId is { } sid ? schools.GetValueOrDefault(sid) : null;
                return new TeacherHoursRow(person?.DisplayName ?? "Former member", person?.Email ?? "", school, g.Count(), g.Sum(s => hours.GetValueOrDefault(s.CredentialVersionId)));
            })
            .OrderByDescending(t => t.Hours).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var bySchool = teachers.GroupBy(t => t.School ?? NoSchool)
            .Select(g => new SchoolHoursRow(g.Key, g.Count(), g.Sum(t => t.Credentials), g.Sum(t => t.Hours)))
            .OrderBy(s => s.School == NoSchool).ThenByDescending(s => s.Hours).ThenBy(s => s.School, StringComparer.OrdinalIgnoreCase).ToList();

        var grants = await db.CreditRequests.AsNoTracking().Where(r => r.DecidedAt >= start && r.DecidedAt < end)
            .Select(r => new { r.Status, r.CreditTypeName, r.CreditUnit, r.Units, r.RequesterId }).ToListAsync(ct);
        var declined = grants.Count(g => g.Status == CreditRequestStatus.Declined);
        var recognition = grants.Where(g => g.Status == CreditRequestStatus.Approved).GroupBy(g => (g.CreditTypeName, g.CreditUnit))
            .Select(g => new RecognitionRow(g.Key.CreditTypeName!, g.Key.CreditUnit!, g.Count(), g.Sum(x => x.Units ?? 0), g.Select(x => x.RequesterId).Distinct().Count()))
            .OrderBy(r => r.CreditType, StringComparer.OrdinalIgnoreCase).ToList();

        return new DistrictReport(from, to, months, credentials, teachers, bySchool, recognition, declined)
        {
            IssuedBadges = new IssuedBadgeCounts(issued.Count(a => a.Basis == AwardBasis.Assessment), issued.Count(a => a.Basis == AwardBasis.Stack),
                issued.Count(a => a.Basis == AwardBasis.PriorLearning), issued.Count(a => a.Basis == AwardBasis.Migrated), issued.Count(a => a.Revoked)),
        };
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return Math.Round(median, 1);
    }
}
