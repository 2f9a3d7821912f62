using System.Text;
using System.Text.RegularExpressions;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Evidence;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Application.Seeding;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using MicroCred.Testing;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Navigation;

/// <summary>
/// Every page of the app at phone size (390×844): the page never scrolls sideways. The pages are the app's own page
/// routes; their route values come from the seeded demo districts, found by following links as each demo person would
/// (a visitor, a teacher, an assessor, an issuer, a developer, an admin, the state board's recognizer). A route that no
/// one reaches fails the test, so a new page cannot be skipped silently.
/// </summary>
public sealed class PhoneLayoutTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    /// <summary>Routes this test does not visit, and why.</summary>
    private static readonly Dictionary<string, string> NotVisited = new()
    {
        ["/dev/fail"] = "fails on purpose to show the error page (visited as /error)",
        ["/dev/mailbox/{id:guid?}"] = "exists in the Development host only",
        ["/{district:slug}/backpack/badges/{id:guid}/name"] = "answers a form on /backpack; a GET goes back to /backpack",
        ["/operator"] = "only platform operators named in configuration see it; OutsideIssuingJourneyTests checks it at 390 px",
    };

    [Fact]
    public async Task Every_page_fits_a_phone_for_every_role()
    {
        // The demo seed's evidence files live in the store of the app that seeded the template database, not this app's,
        // so media on evidence pages answer 404. Each visited page's own status is checked below instead.
        ExpectConsoleErrors("Failed to load resource: the server responded with a status of 404");
        var routes = PageRoutes();
        var visited = new Dictionary<string, string>(); // route → first URL visited for it
        var failures = new List<string>();
        var invitation = await InvitationLinkAsync();
        var (publicEvidence, import) = await SharedEvidenceAndImportAsync();

        // Pages reached from no link of the journeys: token links arrive by email, the rest are destinations of redirects.
        await CrawlAsync(null, null, ["/", "/signup", "/verify", "/springfield/catalog", "/account/login", "/account/register",
            "/account/forgot-password", "/account/resend-confirmation", "/account/check-email", "/account/access-denied",
            "/account/reset-password?email=someone%40example.org&code=x", $"/account/confirm-email?userId={Guid.Empty}&code=x",
            "/error", "/status/404", invitation, publicEvidence, "/springfield/claim", "/account/login/second-factor"], routes, visited, failures);
        foreach (var person in new[]
                 {
                     "earner@springfield.test", "pat.rivera@springfield.test", "assessor@springfield.test", "issuer@springfield.test",
                     "developer@springfield.test", "admin@springfield.test", "recognizer@state-board.test",
                 })
        {
            var district = person.Split('@')[1].Replace(".test", "", StringComparison.Ordinal);
            string[] extra = person switch
            {
                "issuer@springfield.test" => [import],
                // A draft's review page, and another district's catalog (its credentials offer "Adapt").
                "developer@springfield.test" => [$"/springfield/design/credentials/{await DraftCredentialAsync()}/review", "/shelbyville/catalog"],
                _ => [],
            };
            // Pat, a candidate assessor, starts calibrating, so that the calibration anchors are listed to her.
            Func<IPage, Task>? prepare = person != AssessmentKit.Pat ? null : async page =>
            {
                await page.GotoAsync("/springfield/assessment");
                await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Calibrate") }).First.ClickAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Start calibration" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Anchor \\d") }).First).ToBeVisibleAsync();
            };
            await CrawlAsync(person, prepare, [$"/{district}", .. extra, "/backpack", "/backpack/profile", "/account/home", "/account/transcript",
                "/account/manage", "/account/manage/password", "/account/logout"], routes, visited, failures);
        }

        var missing = routes.Select(r => r.Template).Where(t => !visited.ContainsKey(t) && !NotVisited.ContainsKey(t)).ToList();
        Assert.True(failures.Count == 0 && missing.Count == 0,
            $"Pages that scroll sideways at {PhoneWidth} px or links that fail:\n" + string.Join("\n", failures)
            + "\nPage routes no demo person reached (link to them from a page of the journeys, or add a start URL to this test):\n"
            + string.Join("\n", missing));
    }

    [Fact]
    public async Task The_menu_shows_each_person_the_groups_of_their_roles_and_folds_behind_a_button_on_a_phone()
    {
        var teacher = await NewPageAsync();
        await LogInAsync(teacher, "earner@springfield.test");
        await teacher.GotoAsync("/springfield");
        Assert.Equal(["My learning"], await GroupsAsync(teacher));
        // The role card speaks to the person ("You submit…", never "You submits…").
        await Assertions.Expect(teacher.Locator("#role-Earner + p")).ToHaveTextAsync("You submit evidence to earn micro-credentials.");

        // An organisation that only recognizes credit sees what it uses: no catalog, no assessment or issuing pages.
        var board = await NewPageAsync();
        await LogInAsync(board, "recognizer@state-board.test");
        await board.GotoAsync("/state-board");
        Assert.Equal(["Recognition", "District admin"], await GroupsAsync(board));
        var boardNav = board.GetByRole(AriaRole.Navigation, new() { Name = "State Board of Educator Licensing" });
        await Assertions.Expect(boardNav.GetByRole(AriaRole.Link, new() { Name = "Catalog" })).ToHaveCountAsync(0);
        Assert.Equal(["Members", "District settings", "Reports", "Audit trail"],
            (await boardNav.Locator("details", new() { HasText = "District admin" }).Locator("a").AllTextContentsAsync()).Select(t => t.Trim()));

        // On a desktop: groups open by keyboard, Escape closes them and gives focus back; the "Menu" button is not shown.
        var admin = await NewPageAsync();
        await LogInAsync(admin, "admin@springfield.test");
        await admin.GotoAsync("/springfield/admin/members");
        Assert.Equal(["Assessing", "District admin"], await GroupsAsync(admin));
        var nav = admin.GetByRole(AriaRole.Navigation, new() { Name = "Springfield Public Schools" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true })).ToBeHiddenAsync();
        var districtAdmin = nav.Locator("summary", new() { HasText = "District admin" });
        await Assertions.Expect(districtAdmin).ToHaveAttributeAsync("aria-current", "true"); // the group of the page shown
        await districtAdmin.FocusAsync();
        await admin.Keyboard.PressAsync("Enter");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Members" })).ToHaveAttributeAsync("aria-current", "page");
        await CheckPageAsync(admin, "desktop-menu-open");
        await admin.Keyboard.PressAsync("Escape");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Audit trail" })).ToBeHiddenAsync();
        await Assertions.Expect(districtAdmin).ToBeFocusedAsync();

        // On a phone: the menu folds behind its button and opens as a panel within the screen's width.
        await admin.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        var toggle = nav.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Home" })).ToBeHiddenAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await nav.Locator("summary", new() { HasText = "Assessing" }).ClickAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Assessment oversight" })).ToBeVisibleAsync();
        await CheckPageAsync(admin, "phone-menu-open");
        Assert.True(await admin.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The open phone menu is wider than the screen.");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Assessment oversight" }).ClickAsync();
        await ExpectUrlAsync(admin, new Regex("/springfield/assessment/admin$"));
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Assessment oversight", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Button, new() { Name = "Menu", Exact = true })).ToHaveAttributeAsync("aria-expanded", "false");
        await CheckPageAsync(admin, "phone-page");
    }

    [Fact]
    public async Task An_earned_credential_on_the_plan_asks_for_no_target_date()
    {
        var teacher = await NewPageAsync();
        await LogInAsync(teacher, "earner@springfield.test");
        await teacher.GotoAsync("/springfield/evidence");
        var earned = teacher.Locator(".plan-row", new() { HasText = DesignSeed.CollectiveLeadership });
        await Assertions.Expect(earned.GetByText("Awarded")).ToBeVisibleAsync();
        await Assertions.Expect(earned.GetByLabel(new Regex("^Target date"))).ToHaveCountAsync(0);
        await Assertions.Expect(earned).ToContainTextAsync("no target date is needed");
        var inProgress = teacher.Locator(".plan-row", new() { HasText = DesignSeed.EquitableCulture });
        await Assertions.Expect(inProgress.GetByLabel(new Regex("^Target date"))).ToHaveCountAsync(1);
        await CheckPageAsync(teacher, "plan");
    }

    private static async Task<string[]> GroupsAsync(IPage page) =>
        [.. (await page.Locator("nav.district-nav details.nav-group > summary").AllTextContentsAsync()).Select(t => t.Trim())];

    /// <summary>
    /// Visits the start pages and then, breadth first, one URL for each page route linked from what it has seen, as
    /// <paramref name="person"/> (null: a visitor who is not signed in), checking each page's width.
    /// </summary>
    private async Task CrawlAsync(string? person, Func<IPage, Task>? prepare, IReadOnlyList<string> start, IReadOnlyList<PageRoute> routes,
        Dictionary<string, string> visited, List<string> failures)
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(PhoneWidth, PhoneHeight);
        if (person is not null) await LogInAsync(page, person);
        if (prepare is not null) await prepare(page);
        var who = person ?? "a visitor";
        var seen = new HashSet<string>();
        var shots = 0;
        var queue = new Queue<string>();
        foreach (var url in start) Enqueue(url, always: true);

        while (queue.TryDequeue(out var url))
        {
            var response = await page.GotoAsync(url);
            var status = response?.Status ?? 0;
            Assert.True(status < 500 || url == "/error", $"{url} ({who}) answered {status}."); // the error page says 500 on purpose
            if (RouteOf(routes, new Uri(Fixture.BaseAddress, url).AbsolutePath) is { } asked) visited.TryAdd(asked.Template, url); // before any redirect
            var route = RouteOf(routes, new Uri(page.Url).AbsolutePath);
            var name = $"{url} ({who}; page {route?.Template ?? "?"}{(status >= 400 ? $", status {status}" : "")})";
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, $"{nameof(PhoneLayoutTests)}.phone.{Regex.Replace(who, "[^A-Za-z0-9]+", "-")}.{++shots:000}.png") });
            if (route is not null) visited.TryAdd(route.Template, url);
            if (status >= 400 && !start.Contains(url)) failures.Add($"- {name}: a link on the journeys leads to an error page");

            var width = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            if (width[0] > width[1])
            {
                var culprits = await page.EvaluateAsync<string[]>(WiderThanTheWindow);
                failures.Add($"- {name}: scrollWidth {width[0]} > {width[1]}; too wide: {string.Join("; ", culprits)}");
            }

            var links = await page.EvaluateAsync<string[]>(
                "() => [...document.querySelectorAll('a[href]:not([download])')].map(a => a.href)");
            foreach (var link in links) Enqueue(link, always: false);
        }

        // A start URL is always visited; a linked URL only when it is a page route this person has not seen yet.
        void Enqueue(string url, bool always)
        {
            if (!Uri.TryCreate(Fixture.BaseAddress, url, out var uri) || uri.Authority != Fixture.BaseAddress.Authority) return;
            if (uri.Query.Contains("handler=", StringComparison.OrdinalIgnoreCase)) return; // downloads and actions, not pages
            var route = RouteOf(routes, uri.AbsolutePath);
            if (route is not null && NotVisited.ContainsKey(route.Template)) return;
            if (!always && (route is null || !seen.Add(route.Template))) return;
            if (always && route is not null) seen.Add(route.Template);
            queue.Enqueue(uri.PathAndQuery);
        }
    }

    /// <summary>
    /// What the seed lacks for a few pages: Erin shares the evidence of a badge awarded by decision, Erin makes her
    /// profile public (her backpack then links it), and the Issuer previews a CSV import. Returns the evidence page and the import page.
    /// </summary>
    private async Task<(string PublicEvidence, string Import)> SharedEvidenceAndImportAsync()
    {
        var kit = new AssessmentKit(Fixture);
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, forbidSameSchool: false);
        var (credentialId, rubric, _) = await kit.Credential("Phone layout");
        await kit.Qualify(credentialId, AssessmentKit.Asa);
        var submission = await kit.Submit(AssessmentKit.Erin, credentialId, reflection: "My students argued from the evidence of the experiment.");
        await kit.AssignWaitingWork();
        await kit.As(AssessmentKit.Asa, s => s.Send(new SubmitScore(submission, AssessmentKit.Levels(rubric, 2, 2, 2), "Clear.")).AsTask());
        await kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([submission], Decision.Award, null)).AsTask());
        await kit.As(AssessmentKit.Erin, s => s.Send(new ShareEvidence(submission, true)).AsTask());
        var assertion = await kit.Db(db => db.Assertions.Where(a => a.SubmissionId == submission).Select(a => a.Id).SingleAsync());
        var evidence = $"/public/assertions/{assertion}/evidence";
        await kit.As(AssessmentKit.Erin, s => s.Send(new SavePublicProfile("erin-phone", true, [assertion])).AsTask());
        await using (var scope = await Fixture.As("issuer@springfield.test", "springfield"))
        {
            var csv = $"email,credential,date,evidence_url\r\ntaylor.brooks@springfield.test,\"{DesignSeed.Discourse}\",2024-05-31,https://example.org/portfolio/taylor\r\n";
            var id = await AppFixture.Get<ISender>(scope).Send(new PreviewBadgeImport("records.csv", Encoding.UTF8.GetBytes(csv)));
            return (evidence, $"/springfield/issuing/import/{id}");
        }
    }

    /// <summary>A Springfield credential with a draft version (the seed has one).</summary>
    private async Task<Guid> DraftCredentialAsync()
    {
        await using var scope = await Fixture.As("developer@springfield.test", "springfield");
        return await AppFixture.Get<AppDbContext>(scope).CredentialVersions.Where(v => v.Status == VersionStatus.Draft)
            .OrderBy(v => v.CredentialId).Select(v => v.CredentialId).FirstAsync();
    }

    /// <summary>An invitation link as the invited person gets it by email.</summary>
    private async Task<string> InvitationLinkAsync()
    {
        const string invited = "phone.layout@springfield.test";
        await using (var scope = await Fixture.As("admin@springfield.test", "springfield"))
            await AppFixture.Get<ISender>(scope).Send(new InviteMember(invited, DistrictRole.Earner));
        return Mailbox.LinkIn((await Fixture.LatestTo(invited)).Body);
    }

    /// <summary>The elements that stick out past the window's right edge (for the failure message).</summary>
    private const string WiderThanTheWindow = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .filter(e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return false; return true; })
          .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 0.5)
          .slice(0, 5)
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '')
            + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')
        """;

    private sealed record PageRoute(string Template, Regex Pattern, int Literals);

    /// <summary>The app's Razor Page routes, each as a pattern that matches its URLs.</summary>
    private IReadOnlyList<PageRoute> PageRoutes() =>
        Fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Distinct()
            .Select(ToRoute)
            .ToList();

    private static PageRoute ToRoute(string template)
    {
        var literals = 0;
        var pattern = string.Concat(template.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(segment =>
        {
            var parameter = Regex.Match(segment, @"^\{(\w+)(?::(\w+))?(\?)?\}$");
            if (!parameter.Success)
            {
                literals++;
                return "/" + Regex.Escape(segment);
            }
            var value = parameter.Groups[2].Value switch
            {
                "guid" => "[0-9a-fA-F-]{36}",
                "int" => "[0-9]+",
                "slug" => "[a-z0-9][a-z0-9-]*",
                _ => "[^/]+",
            };
            return parameter.Groups[3].Success ? $"(?:/{value})?" : "/" + value;
        }));
        return new PageRoute(template, new Regex("^" + pattern + "/?$", RegexOptions.IgnoreCase), literals);
    }

    /// <summary>The route a path belongs to: among those that match, the one with the most fixed words (/backpack, not /{district}).</summary>
    private static PageRoute? RouteOf(IReadOnlyList<PageRoute> routes, string path) =>
        routes.Where(r => r.Pattern.IsMatch(path)).MaxBy(r => r.Literals);
}
