using System.Globalization;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Recognition;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.IntegrationTests.Issuing;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Recognition;

/// <summary>
/// The report's counts agree with the Issuer's list of issued badges for the same dates, whichever way the badges were
/// issued: a decision on assessed work, by hand, an import, a stack completed.
/// </summary>
public sealed class ReportCountsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    private Task<DistrictReport> Today()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return kit.As(AssessmentKit.Admin, s => s.Send(new GetDistrictReport(today, today)).AsTask());
    }

    /// <summary>The Issuer's list of issued badges (every status), read page by page, as issued today.</summary>
    private async Task<List<IssuedBadgeRow>> IssuersListToday()
    {
        var rows = new List<IssuedBadgeRow>();
        for (var page = 1; ; page++)
        {
            var result = await kit.As(AssessmentKit.Issuer, s => s.Send(new ListIssuedBadges(BadgeFilter.All, Page: page)).AsTask());
            rows.AddRange(result.Rows);
            if (page >= result.Pages) break;
        }
        var today = DateTime.UtcNow.Date;
        return rows.Where(r => r.IssuedOn.UtcDateTime.Date == today).ToList();
    }

    [Fact]
    public async Task Badges_issued_by_decision_by_hand_by_import_and_for_a_stack_all_count_as_the_issuers_list_shows_them()
    {
        var before = (await Today()).IssuedBadges;

        // By decision: two credentials of a stack, so completing them also issues the stack's badge.
        var (first, rubricA) = await kit.SingleAssessorCredential("Report counts: first");
        var (second, rubricB) = await kit.SingleAssessorCredential("Report counts: second");
        await kit.As(AssessmentKit.Developer, async s =>
        {
            var stack = await s.Send(new CreateStack("Report counts stack", "A stack for the report counts test.", false, [first, second]));
            await s.Send(new PublishStack(stack));
        });
        await kit.Awarded(first, rubricA, AssessmentKit.Erin);
        await kit.Awarded(second, rubricB, AssessmentKit.Erin);
        // By hand, then revoked: it was issued in the range, so it still counts as issued (and as revoked since), not for PD hours.
        var handIssued = await fixture.IssueAsync(DesignSeed.GoingPublic, "sam.ortiz@springfield.test");
        var revoked = await fixture.IssueAsync(DesignSeed.GoingPublic, "casey.nguyen@springfield.test");
        await fixture.RevokeAsync(revoked, "Issued to the wrong person.");
        // By import (the import runner issues through the same service with the "migrated" basis).
        var versionId = await kit.Db(db => db.CredentialVersions.Where(v => v.CredentialId == first && v.Status == VersionStatus.Published).Select(v => v.Id).SingleAsync());
        await using (var scope = await fixture.As(AssessmentKit.Issuer, "springfield"))
        {
            using var audit = AppFixture.Get<AuditScope>(scope).Begin("TestImport", null);
            await AppFixture.Get<BadgeIssuing>(scope).IssueAsync(
                new BadgeAward(await fixture.UserId(AssessmentKit.Taylor), versionId, Basis: AwardBasis.Migrated), CancellationToken.None);
            await AppFixture.Get<AppDbContext>(scope).SaveChangesAsync();
        }

        var report = await Today();
        var after = report.IssuedBadges;
        Assert.Equal((2, 1, 2, 1, 1), (after.Assessed - before.Assessed, after.Stack - before.Stack, after.PriorLearning - before.PriorLearning,
            after.Migrated - before.Migrated, after.RevokedSince - before.RevokedSince));

        // The same number as the Issuer's list for the same dates, in the headline and in the month's bar.
        var list = await IssuersListToday();
        Assert.Equal(list.Count, after.Total);
        Assert.Equal(list.Count(r => r.Status == AssertionStatus.Revoked), after.RevokedSince);
        Assert.Equal(list.Count, report.AwardsByMonth.Single(m => m.Month == DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture)).Awarded);

        // PD hours: Erin's two credentials, Taylor's import and Sam's hand-issued badge count.
        Assert.Contains(report.Teachers, t => t.Email == "sam.ortiz@springfield.test");
        Assert.Equal(2, report.Teachers.Single(t => t.Email == AssessmentKit.Erin).Credentials);
        Assert.Contains(report.Teachers, t => t.Email == AssessmentKit.Taylor);

        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync(AssessmentKit.Admin);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = await admin.PageAsync($"/springfield/admin/reports?from={today}&to={today}");
        Assert.Equal($"{list.Count} badges issued", page.QuerySelector("#stat-issued")!.TextContent.Trim());
        Assert.Contains($"{after.Migrated} imported", page.QuerySelector("#issued-breakdown")!.TextContent);
    }
}
