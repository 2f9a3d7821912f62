using System.Net;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Tenancy;

/// <summary>
/// A new district's first steps: signing in leads to the district home, the Admin's getting started checklist follows
/// the district's real state (and only its own), can be dismissed (audited), and every role card reads correctly.
/// </summary>
public sealed class OnboardingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Founder = "founder@ogden.example.org";
    private const string Password = "ogden founding passphrase";

    private async Task<HttpSession> SignUpAsync(string slug, string founder)
    {
        var browser = new HttpSession(fixture.BaseAddress);
        var response = await browser.SubmitAsync("/signup", new Dictionary<string, string>
        {
            ["Input.DistrictName"] = "Ogden Valley Schools", ["Input.Slug"] = slug, ["Input.IssuerName"] = "Ogden Valley School District",
            ["Input.Website"] = "", ["Input.ContactEmail"] = "pd@ogden.example.org",
            ["Input.DisplayName"] = "Olga Founder", ["Input.Email"] = founder, ["Input.Password"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, body) = await fixture.LatestTo(founder);
        await browser.PageAsync(Mailbox.LinkIn(body));
        return browser;
    }

    private static string[] Steps(AngleSharp.Dom.IDocument page, bool done) =>
        page.QuerySelectorAll(".getting-started li[data-step]").Where(li => li.ClassList.Contains("done") == done).Select(li => li.GetAttribute("data-step")!).ToArray();

    [Fact]
    public async Task The_checklist_follows_the_new_districts_own_state_and_an_admin_dismisses_it_for_good()
    {
        using var browser = await SignUpAsync("ogden-valley", Founder);
        var login = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = Founder, ["Input.Password"] = Password });
        Assert.Equal("/account/home", login.Headers.Location!.OriginalString);
        var home = await browser.GetAsync("/account/home");
        Assert.Equal("/ogden-valley", home.Headers.Location!.OriginalString); // one district: straight to its home

        // Nothing done yet, although Springfield (another district) has published credentials, assessors and badges.
        var page = await browser.PageAsync("/ogden-valley");
        Assert.Equal(["profile", "developer", "credential", "assessor", "issuer", "teacher", "badge"], Steps(page, done: false));
        Assert.Equal("/ogden-valley/admin/settings", page.QuerySelector(".getting-started li[data-step=profile] a")!.GetAttribute("href"));
        Assert.Contains("0 of 7 done", page.QuerySelector(".getting-started")!.TextContent);

        // The founder completes the profile, takes the Developer and Issuer roles, and invites a teacher.
        await using (var scope = await fixture.As(Founder, "ogden-valley"))
        {
            var sender = AppFixture.Get<ISender>(scope);
            await sender.Send(new UpdateDistrictProfile("Ogden Valley Schools", "Ogden Valley School District", "https://ogden.example.org", "pd@ogden.example.org", null));
            var me = (await sender.Send(new ListMembers())).Members.Single();
            await sender.Send(new ChangeMemberRoles(me.MembershipId, DistrictRole.Admin | DistrictRole.Developer | DistrictRole.Issuer));
            await sender.Send(new InviteMember("teacher@ogden.example.org", DistrictRole.Earner));
        }
        page = await browser.PageAsync("/ogden-valley");
        Assert.Equal(["profile", "developer", "issuer", "teacher"], Steps(page, done: true));
        Assert.Equal(["credential", "assessor", "badge"], Steps(page, done: false));
        Assert.Contains("4 of 7 done", page.QuerySelector(".getting-started")!.TextContent);

        // Springfield, where everything is done, sees no checklist at all.
        using (var springfield = new HttpSession(fixture.BaseAddress))
        {
            await springfield.LogInAsync("admin@springfield.test");
            Assert.Null((await springfield.PageAsync("/springfield")).QuerySelector(".getting-started"));
        }

        // Only an Admin may put it away.
        await using (var earner = await fixture.As("earner@springfield.test", "springfield"))
            await Assert.ThrowsAsync<ForbiddenException>(() => AppFixture.Get<ISender>(earner).Send(new DismissGettingStarted()).AsTask());

        var response = await browser.PostAsync("/ogden-valley?handler=DismissGettingStarted", new Dictionary<string, string>(), HttpSession.TokenOf(page));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        page = await browser.PageAsync("/ogden-valley");
        Assert.Null(page.QuerySelector(".getting-started"));
        Assert.Contains("put away", page.QuerySelector("[role=status]")!.TextContent);

        var (districtId, _) = await fixture.District("ogden-valley");
        await using (var scope = fixture.App.Scope(districtId, "ogden-valley"))
        {
            var audit = await AppFixture.Get<AppDbContext>(scope).AuditEntries.IgnoreQueryFilters().Where(a => a.Action == nameof(DismissGettingStarted)).ToListAsync();
            Assert.Equal(districtId, Assert.Single(audit).TenantId);
        }
        await using (var scope = await fixture.As(Founder, "ogden-valley"))
            await Assert.ThrowsAsync<DomainException>(() => AppFixture.Get<ISender>(scope).Send(new DismissGettingStarted()).AsTask());
        // Dismissing in one district leaves every other district's checklist alone.
        await using (var scope = fixture.App.Scope())
            Assert.Equal(1, await AppFixture.Get<AppDbContext>(scope).Districts.CountAsync(d => d.GettingStartedDismissedAt != null));
    }

    [Fact]
    public async Task Signing_in_leads_a_one_district_member_to_that_district_and_anyone_else_to_the_front_page()
    {
        using var one = new HttpSession(fixture.BaseAddress);
        await one.LogInAsync("admin@shelbyville.test");
        Assert.Equal("/shelbyville", (await one.GetAsync("/account/home")).Headers.Location!.OriginalString);

        using var two = new HttpSession(fixture.BaseAddress);
        await two.LogInAsync("pat.rivera@springfield.test"); // springfield and shelbyville
        Assert.Equal("/", (await two.GetAsync("/account/home")).Headers.Location!.OriginalString);

        using var nobody = new HttpSession(fixture.BaseAddress);
        Assert.Equal("/", (await nobody.GetAsync("/account/home")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Role_cards_read_correctly_with_a_next_step_and_a_teacher_sees_their_work_and_badges_not_the_issuer_profile()
    {
        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        var adminHome = await admin.PageAsync("/springfield");
        Assert.Contains("You manage members, roles, policies and the issuer profile.", adminHome.MainText());
        Assert.Contains("Issuer profile", adminHome.MainText());

        using var teacher = new HttpSession(fixture.BaseAddress);
        await teacher.LogInAsync("earner@springfield.test");
        var home = await teacher.PageAsync("/springfield");
        var text = home.MainText();
        Assert.Contains("You submit evidence to earn micro-credentials.", text);
        foreach (var wrong in new[] { "You manages", "You submits", "You scores", "You grants" }) Assert.DoesNotContain(wrong, text);
        var cards = home.QuerySelectorAll(".grid > section");
        Assert.NotEmpty(cards);
        Assert.All(cards, card => Assert.StartsWith("/springfield/", card.QuerySelector(".next-step a")!.GetAttribute("href")));
        Assert.DoesNotContain("Issuer profile", text);

        // Erin's badges and work are those of "My credentials".
        await using var scope = await fixture.As("earner@springfield.test", "springfield");
        var mine = await AppFixture.Get<ISender>(scope).Send(new Application.Features.Evidence.GetMyCredentials());
        var badges = home.QuerySelector("section[aria-labelledby=my-badges-heading]")!.TextContent;
        var work = home.QuerySelector("section[aria-labelledby=my-work-heading]")!.TextContent;
        Assert.NotEmpty(mine.Credentials);
        foreach (var c in mine.Credentials)
            Assert.Contains(c.Name, c.Status == Domain.Evidence.SubmissionStatus.Awarded ? badges : work);
    }
}
