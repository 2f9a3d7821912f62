using System.Net;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Issuing;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>The teacher's backpack: every badge they hold, from every district, and never anybody else's.</summary>
public sealed class BackpackTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Pat = "pat.rivera@springfield.test";     // Earner in both districts
    private const string Erin = "riley.chen@springfield.test"; // the demo earner already holds demo badges
    private const string Casey = "casey.nguyen@springfield.test";
    private readonly BadgeKit kit = new(fixture);

    [Fact]
    public async Task A_teacher_sees_every_badge_they_hold_across_districts_grouped_by_district_and_nobody_elses()
    {
        var (_, _, validity) = await kit.Published("springfield", DesignSeed.VideoFeedback);
        Assert.NotNull(validity); // so a badge from long ago has expired
        var discourse = await kit.Issue(Pat, "springfield", DesignSeed.Discourse, DateTimeOffset.UtcNow.AddDays(-10));
        var expired = await kit.Issue(Pat, "springfield", DesignSeed.VideoFeedback, DateTimeOffset.UtcNow.AddYears(-10));
        var revoked = await kit.Issue(Pat, "springfield", DesignSeed.EquitableCulture);
        await kit.Revoke(revoked, "springfield", "Issued to the wrong teacher by mistake.");
        var shelbyville = await kit.Issue(Pat, "shelbyville", DesignSeed.RestorativeCircles, new DateTimeOffset(2025, 3, 14, 0, 0, 0, TimeSpan.Zero));
        var erins = await kit.Issue(Erin, "springfield", DesignSeed.Discourse);
        var others = await kit.Issue("earner@shelbyville.test", "shelbyville", DesignSeed.RestorativeCircles);

        using var pat = new HttpSession(fixture.BaseAddress);
        await pat.LogInAsync(Pat);
        var page = await pat.PageAsync("/backpack");
        var sections = page.QuerySelectorAll("main section");
        Assert.Equal(["Shelbyville Unified (1 badge)", "Springfield Public Schools (3 badges)"], sections.Select(s => s.QuerySelector("h2")!.TextContent.Trim()));
        var badges = page.QuerySelectorAll("li.backpack-badge");
        Assert.Equal(4, badges.Length);
        var html = page.Source.Text;
        Assert.DoesNotContain(erins.ToString(), html);
        Assert.DoesNotContain(others.ToString(), html);

        var links = fixture.App.Services.GetRequiredService<BadgeLinks>();
        var valid = Badge(page, discourse);
        Assert.Contains("Valid", valid.QuerySelector(".pill")!.TextContent);
        Assert.Contains("Springfield Public Schools", valid.TextContent);
        Assert.Equal(links.Assertion(discourse), valid.QuerySelector("input[readonly]")!.GetAttribute("value"));
        var hrefs = valid.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(links.Assertion(discourse), hrefs);
        Assert.Contains(links.BakedPng(discourse), hrefs);
        Assert.Contains(links.BakedSvg(discourse), hrefs);
        Assert.Contains(links.AssertionJson(discourse), hrefs);
        var linkedIn = hrefs.Single(h => h.StartsWith("https://www.linkedin.com/profile/add?", StringComparison.Ordinal));
        Assert.Contains("startTask=CERTIFICATION_NAME", linkedIn);
        Assert.Contains("name=" + Uri.EscapeDataString(DesignSeed.Discourse), linkedIn);
        Assert.Contains("certUrl=" + Uri.EscapeDataString(links.Assertion(discourse)), linkedIn);
        Assert.Contains("certId=" + discourse, linkedIn);
        // The image is the credential's public badge image, and it is served.
        var image = valid.QuerySelector("img")!.GetAttribute("src")!;
        Assert.Equal(HttpStatusCode.OK, (await pat.GetAsync(image)).StatusCode);

        Assert.Contains("Expired", Badge(page, expired).QuerySelector(".pill")!.TextContent);
        Assert.Contains("expired", Badge(page, expired).TextContent);
        var gone = Badge(page, revoked);
        Assert.Contains("Revoked", gone.QuerySelector(".pill")!.TextContent);
        Assert.Contains("Issued to the wrong teacher by mistake.", gone.TextContent);
        Assert.DoesNotContain(gone.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("linkedin", StringComparison.Ordinal));
        Assert.Contains("14 March 2025", Badge(page, shelbyville).TextContent);
        Assert.Contains("Shelbyville Unified School District", Badge(page, shelbyville).TextContent); // the issuer's name

        // Erin sees her one badge; someone holding none sees an empty backpack.
        using var erin = new HttpSession(fixture.BaseAddress);
        await erin.LogInAsync(Erin);
        var hers = await erin.PageAsync("/backpack");
        Assert.Equal([erins.ToString()], hers.QuerySelectorAll("li.backpack-badge input[readonly]").Select(i => i.GetAttribute("value")![^36..]));
        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@shelbyville.test");
        var empty = await admin.PageAsync("/backpack");
        Assert.Empty(empty.QuerySelectorAll("li.backpack-badge"));
        Assert.Contains("Your backpack is empty", empty.MainText());

        // Signed out: log in first.
        using var stranger = new HttpSession(fixture.BaseAddress);
        var response = await stranger.GetAsync("/backpack");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_teacher_chooses_whether_their_name_appears_on_the_badge_page_and_nobody_else_can()
    {
        const string sam = "sam.ortiz@springfield.test";
        var badge = await kit.Issue(sam, "springfield", DesignSeed.CollectiveLeadership);
        using var visitor = new HttpSession(fixture.BaseAddress);
        visitor.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html"); // the badge's page, as a browser asks for it
        async Task<string> PublicPage() => (await visitor.PageAsync($"/public/assertions/{badge}")).Body!.TextContent;
        Assert.DoesNotContain("Sam Ortiz", await PublicPage()); // hidden by default

        using var teacher = new HttpSession(fixture.BaseAddress);
        await teacher.LogInAsync(sam);
        var backpack = await teacher.PageAsync("/backpack");
        var form = backpack.QuerySelector($"form[action='/springfield/backpack/badges/{badge}/name']")!;
        Assert.Contains("Show my name", form.TextContent);
        var shown = await teacher.PostAsync(form.GetAttribute("action")!, new Dictionary<string, string> { ["show"] = "true" }, HttpSession.TokenOf(backpack));
        Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
        Assert.Contains("Sam Ortiz", await PublicPage()); // the cached page dropped at once
        Assert.Contains("Hide my name", (await teacher.PageAsync("/backpack")).QuerySelector($"form[action='/springfield/backpack/badges/{badge}/name']")!.TextContent);
        Assert.Equal(1, await kit.AuditCount(nameof(ShowMyNameOnBadge), "springfield", badge.ToString()));

        // Someone else, even of the same district, cannot change it.
        using var other = new HttpSession(fixture.BaseAddress);
        await other.LogInAsync("casey.nguyen@springfield.test");
        var page = await other.PageAsync("/backpack");
        var refused = await other.PostAsync($"/springfield/backpack/badges/{badge}/name", new Dictionary<string, string> { ["show"] = "false" }, HttpSession.TokenOf(page));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("Sam Ortiz", await PublicPage());

        var hidden = await teacher.PostAsync($"/springfield/backpack/badges/{badge}/name", new Dictionary<string, string> { ["show"] = "false" }, HttpSession.TokenOf(backpack));
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.DoesNotContain("Sam Ortiz", await PublicPage());
    }

    [Fact]
    public async Task Row_level_security_shows_a_person_only_their_own_badges_outside_a_district()
    {
        await kit.Issue(Casey, "springfield", DesignSeed.CollectiveLeadership);
        await kit.Issue("recognizer@shelbyville.test", "shelbyville", DesignSeed.RestorativeCircles);
        var caseyId = await fixture.UserId(Casey);

        // As Casey, with no district: even with the query filter lifted, the database returns only Casey's rows.
        await using (var scope = fixture.App.Scope(userId: caseyId, email: Casey))
        {
            var rows = await AppFixture.Get<AppDbContext>(scope).Assertions.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking().ToListAsync();
            Assert.NotEmpty(rows);
            Assert.All(rows, a => Assert.Equal(caseyId, a.RecipientId));
            var backpack = await AppFixture.Get<Mediator.ISender>(scope).Send(new GetMyBackpack());
            Assert.Equal(rows.Count, backpack.Count);
        }
        // Nobody and nowhere: nothing.
        await using (var scope = fixture.App.Scope())
        {
            Assert.Empty(await AppFixture.Get<AppDbContext>(scope).Assertions.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking().ToListAsync());
            await Assert.ThrowsAsync<ForbiddenException>(() => AppFixture.Get<Mediator.ISender>(scope).Send(new GetMyBackpack()).AsTask());
        }
        // Inside Shelbyville, Casey (not a member) still reads no Shelbyville badge through the backpack.
        await using (var scope = fixture.App.Scope((await fixture.District("shelbyville")).Id, "shelbyville", caseyId, Casey))
        {
            var backpack = await AppFixture.Get<Mediator.ISender>(scope).Send(new GetMyBackpack());
            Assert.All(backpack.Districts, d => Assert.Equal("springfield", d.Slug));
        }
        // Writing stays inside the district: Casey's own badge cannot be changed from outside it.
        await using (var scope = fixture.App.Scope(userId: caseyId, email: Casey))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            using var audit = AppFixture.Get<AuditScope>(scope).Begin("TestTamper", null);
            var mine = await db.Assertions.IgnoreQueryFilters([AppDbContext.TenantFilter]).FirstAsync();
            mine.ShowName(true);
            await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task The_account_menu_links_to_the_backpack()
    {
        using var pat = new HttpSession(fixture.BaseAddress);
        await pat.LogInAsync(Pat);
        var home = await pat.PageAsync("/springfield");
        Assert.NotNull(home.QuerySelector(".account-menu a[href='/backpack']"));
    }

    private static AngleSharp.Dom.IElement Badge(AngleSharp.Dom.IDocument page, Guid id) =>
        page.QuerySelectorAll("li.backpack-badge").Single(b => b.QuerySelector("input[readonly]")!.GetAttribute("value")!.EndsWith(id.ToString(), StringComparison.Ordinal));
}
