using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Assessment;

/// <summary>
/// Work past the turnaround target or with nobody eligible is listed on the Admin's home and emailed to the
/// district's Admins at most once a day, each district only about its own work.
/// </summary>
public sealed class AttentionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    private async Task<List<(string To, string Subject, string Body)>> AttentionMailAsync()
    {
        await using var scope = fixture.App.Scope();
        return (await scope.ServiceProvider.GetRequiredService<AppDbContext>().EmailMessages.AsNoTracking()
                .Where(m => m.Subject.Contains("need")).Where(m => m.Subject.EndsWith("attention")).ToListAsync())
            .Select(m => (m.To, m.Subject, m.TextBody)).ToList();
    }

    [Fact]
    public async Task Late_and_unassignable_work_is_on_the_admins_home_and_in_one_email_a_day_to_that_districts_admins_only()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0);
        var (nobodyId, _, _) = await kit.Credential("Nobody can assess this");
        var blocked = await kit.Submit(AssessmentKit.Erin, nobodyId);
        var (lateId, _, _) = await kit.Credential("Assessed too slowly");
        await kit.Qualify(lateId, AssessmentKit.Morgan);
        var late = await kit.Submit(AssessmentKit.Erin, lateId, at: DateTimeOffset.UtcNow.AddDays(-12));
        var (onTimeId, _, _) = await kit.Credential("Assessed on time");
        await kit.Qualify(onTimeId, AssessmentKit.Morgan);
        var onTime = await kit.Submit(AssessmentKit.Erin, onTimeId);
        await kit.AssignWaitingWork();
        var codes = await kit.Db(db => db.Submissions.Where(s => s.Id == blocked || s.Id == late || s.Id == onTime).ToDictionaryAsync(s => s.Id, s => s.Code));

        // The Admin's home lists the late and the blocked work, not the work on time.
        using (var admin = new HttpSession(fixture.BaseAddress))
        {
            await admin.LogInAsync(AssessmentKit.Admin);
            var section = (await admin.PageAsync("/springfield")).QuerySelector("section.attention");
            Assert.NotNull(section);
            var items = section.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
            Assert.Contains(items, t => t.Contains(codes[blocked]) && t.Contains("Blocked") && t.Contains("no assessor is qualified"));
            Assert.Contains(items, t => t.Contains(codes[late]) && t.Contains("Overdue"));
            Assert.DoesNotContain(items, t => t.Contains(codes[onTime]));
        }
        using (var shelbyville = new HttpSession(fixture.BaseAddress))
        {
            await shelbyville.LogInAsync("admin@shelbyville.test");
            Assert.DoesNotContain(codes[late], (await shelbyville.PageAsync("/shelbyville")).MainText());
        }

        var job = fixture.App.Services.GetRequiredService<AttentionDigestJob>();
        var emailed = await job.RunOnceAsync(default);
        Assert.Contains("springfield", emailed);
        var mail = await AttentionMailAsync();
        var springfield = mail.Where(m => m.To == AssessmentKit.Admin).ToList();
        var message = Assert.Single(springfield);
        Assert.Contains(codes[blocked], message.Body);
        Assert.Contains(codes[late], message.Body);
        Assert.DoesNotContain(codes[onTime], message.Body);
        Assert.Contains("Springfield", message.Subject);
        // Another district's Admins hear nothing of Springfield's work; non-Admins get nothing.
        Assert.All(mail.Where(m => m.To != AssessmentKit.Admin), m => Assert.DoesNotContain(codes[late], m.Body));
        Assert.DoesNotContain(mail, m => m.To == AssessmentKit.Morgan || m.To == AssessmentKit.Erin);

        // The same day, nothing more.
        Assert.DoesNotContain("springfield", await job.RunOnceAsync(default));
        Assert.Single(await AttentionMailAsync(), m => m.To == AssessmentKit.Admin);
        var (districtId, _) = await fixture.District("springfield");
        await using var scope = fixture.App.Scope(districtId, "springfield");
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), (await AppFixture.Get<AppDbContext>(scope).Districts.SingleAsync(d => d.Id == districtId)).AttentionEmailedOn);
    }
}
