using System.Text;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>The app with the import job's periodic sweep off, so a test decides exactly when the job runs.</summary>
public sealed class ManualImportRunFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Issuing:Import:SweepInterval"] = "00:00:00" };
}

/// <summary>The background job itself: it continues an interrupted import without issuing twice, and stops when its Issuer may no longer issue.</summary>
public sealed class BadgeImportRunnerTests(ManualImportRunFixture fixture) : IClassFixture<ManualImportRunFixture>
{
    private const string Issuer = "issuer@springfield.test";
    private readonly BadgeKit kit = new(fixture);

    /// <summary>Previews a file and marks it started, without waking the job (as if the app stopped right after the Issuer clicked).</summary>
    private async Task<(Guid Id, List<Guid> Rows)> Queued(string csv)
    {
        Guid id;
        await using (var scope = await fixture.As(Issuer, "springfield"))
            id = await AppFixture.Get<ISender>(scope).Send(new PreviewBadgeImport("records.csv", Encoding.UTF8.GetBytes(csv)));
        await using (var scope = await fixture.As(Issuer, "springfield"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            using var audit = AppFixture.Get<AuditScope>(scope).Begin("TestStartImport", null);
            var import = await db.BadgeImports.SingleAsync(i => i.Id == id);
            import.Start(await fixture.UserId(Issuer), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var rows = await kit.Db(db => db.BadgeImportRows.Where(r => r.ImportId == id).OrderBy(r => r.Line).Select(r => r.Id).ToListAsync());
        return (id, rows);
    }

    private async Task Run(Guid id)
    {
        var (districtId, _) = await fixture.District("springfield");
        await fixture.App.Services.GetRequiredService<BadgeImportRunner>().RunAsync(new ImportWork(districtId, "springfield", id), CancellationToken.None);
    }

    private Task<BadgeImport> Import(Guid id) => kit.Db(db => db.BadgeImports.AsNoTracking().SingleAsync(i => i.Id == id));

    [Fact]
    public async Task An_import_refuses_the_issuers_own_row_and_records_the_others_as_migrated_from_another_system()
    {
        var (id, rows) = await Queued($"""
            email,credential,date
            {Issuer},{DesignSeed.VideoFeedback},2024-02-01
            pat.rivera@springfield.test,{DesignSeed.VideoFeedback},2024-02-02
            """);
        await Run(id);

        var outcome = await kit.Db(db => db.BadgeImportRows.AsNoTracking().Where(r => r.ImportId == id).OrderBy(r => r.Line).ToListAsync());
        Assert.Equal(ImportRowStatus.Failed, outcome[0].Status);
        Assert.Contains(outcome, r => r.Id == rows[0] && (r.Message ?? "").Contains("Nobody can issue a badge to themselves"));
        Assert.Equal(ImportRowStatus.Issued, outcome[1].Status);
        var issuerId = await fixture.UserId(Issuer);
        Assert.False(await kit.Db(db => db.Assertions.AnyAsync(a => a.RecipientId == issuerId)));
        var migrated = await kit.Db(db => db.Assertions.AsNoTracking().SingleAsync(a => a.Id == outcome[1].AssertionId));
        Assert.Equal(AwardBasis.Migrated, migrated.Basis);
    }

    [Fact]
    public async Task An_interrupted_import_continues_where_it_stopped_and_never_issues_a_row_twice()
    {
        var (id, rows) = await Queued($"""
            email,credential,date
            casey.nguyen@springfield.test,{DesignSeed.Discourse},2024-01-10
            riley.chen@springfield.test,{DesignSeed.Discourse},2024-01-11
            sam.ortiz@springfield.test,{DesignSeed.Discourse},2024-01-12
            """);
        // The first row was issued before the "crash".
        await using (var scope = await fixture.As(Issuer, "springfield"))
            Assert.Equal(ImportRowStatus.Issued, await AppFixture.Get<ISender>(scope).Send(new IssueImportedBadge(id, rows[0])));
        var partly = await Import(id);
        Assert.Equal((BadgeImportStatus.Running, 1, 3, 33), (partly.Status, partly.Processed, partly.Planned, partly.Percent));

        await Run(id);
        var done = await Import(id);
        Assert.Equal((BadgeImportStatus.Completed, 3, 3, 100), (done.Status, done.Processed, done.IssuedCount, done.Percent));
        foreach (var email in new[] { "casey.nguyen@springfield.test", "riley.chen@springfield.test", "sam.ortiz@springfield.test" })
            Assert.Single(await kit.HeldBy(email, "springfield"), a => a.BadgeName == DesignSeed.Discourse);

        // Sending a handled row again, or running the finished import again, changes nothing.
        await using (var scope = await fixture.As(Issuer, "springfield"))
            Assert.Equal(ImportRowStatus.Issued, await AppFixture.Get<ISender>(scope).Send(new IssueImportedBadge(id, rows[1])));
        await Run(id);
        Assert.Equal(3, (await Import(id)).Processed);
        Assert.Single(await kit.HeldBy("riley.chen@springfield.test", "springfield"), a => a.BadgeName == DesignSeed.Discourse);
    }

    [Fact]
    public async Task A_row_refused_when_its_turn_comes_fails_alone_and_the_rest_are_issued()
    {
        var (id, _) = await Queued($"""
            email,credential,date
            pat.rivera@springfield.test,{DesignSeed.GoingPublic},2024-02-10
            casey.nguyen@springfield.test,{DesignSeed.GoingPublic},2024-02-11
            """);
        // Between the preview and the run, Pat is awarded the badge and it is revoked: the import must not quietly re-issue it.
        var revoked = await kit.Issue("pat.rivera@springfield.test", "springfield", DesignSeed.GoingPublic);
        await kit.Revoke(revoked, "springfield", "Awarded by mistake.");

        await Run(id);
        var done = await Import(id);
        Assert.Equal((BadgeImportStatus.Completed, 2, 1, 1), (done.Status, done.Processed, done.IssuedCount, done.FailedCount));
        var rows = await kit.Db(db => db.BadgeImportRows.AsNoTracking().Where(r => r.ImportId == id).OrderBy(r => r.Line).ToListAsync());
        Assert.Equal(ImportRowStatus.Failed, rows[0].Status);
        Assert.Contains("was revoked on", rows[0].Message);
        Assert.Null(rows[0].AssertionId);
        Assert.Equal(ImportRowStatus.Issued, rows[1].Status);
        Assert.Equal([revoked], (await kit.HeldBy("pat.rivera@springfield.test", "springfield")).Where(a => a.BadgeName == DesignSeed.GoingPublic).Select(a => a.Id)); // nothing new for Pat
        Assert.Single(await kit.HeldBy("casey.nguyen@springfield.test", "springfield"), a => a.BadgeName == DesignSeed.GoingPublic);
    }

    [Fact]
    public async Task The_job_stops_when_the_issuer_who_started_it_may_no_longer_issue()
    {
        var (id, _) = await Queued($"""
            email,credential,date
            taylor.brooks@springfield.test,{DesignSeed.EquitableCulture},2024-01-10
            """);
        var issuerId = await fixture.UserId(Issuer);
        await using (var scope = await fixture.As("admin@springfield.test", "springfield"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            using var audit = AppFixture.Get<AuditScope>(scope).Begin("TestChangeRoles", null);
            (await db.Memberships.SingleAsync(m => m.UserId == issuerId)).ChangeRoles(DistrictRole.Earner, otherAdmins: 1);
            await db.SaveChangesAsync();
        }
        try
        {
            await Run(id);
            var stopped = await Import(id);
            Assert.Equal(BadgeImportStatus.Stopped, stopped.Status);
            Assert.Contains("may no longer issue badges here", stopped.StopReason);
            Assert.Equal(0, stopped.IssuedCount);
            Assert.Empty(await kit.HeldBy("taylor.brooks@springfield.test", "springfield"));
            Assert.Equal(1, await kit.AuditCount(nameof(BadgeImportRunner), "springfield", id.ToString()));
        }
        finally
        {
            await using var scope = await fixture.As("admin@springfield.test", "springfield");
            var db = AppFixture.Get<AppDbContext>(scope);
            using var audit = AppFixture.Get<AuditScope>(scope).Begin("TestChangeRoles", null);
            (await db.Memberships.SingleAsync(m => m.UserId == issuerId)).ChangeRoles(DistrictRole.Issuer, otherAdmins: 1);
            await db.SaveChangesAsync();
        }
    }
}
