using System.Text.RegularExpressions;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Tenancy;

/// <summary>The foundation's journeys in a real browser: sign up a district, confirm, invite, accept, switch (emails read in the Development mailbox).</summary>
public sealed partial class DistrictJourneyTests(Chromium chromium, DevelopmentAppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<DevelopmentAppFixture>
{
    private async Task OpenLatestEmailAsync(IPage page, string to)
    {
        await page.GotoAsync($"/dev/mailbox?to={Uri.EscapeDataString(to)}");
        await CheckPageAsync(page, "mailbox-" + to.Split('@')[0]);
        await page.Locator("tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/dev/mailbox/[0-9a-f-]+$"));
    }

    [Fact]
    public async Task A_founder_signs_up_confirms_and_invites_a_new_teacher_who_joins_from_a_second_browser()
    {
        var founder = await NewPageAsync();
        await founder.GotoAsync("/");
        await CheckPageAsync(founder, "landing");
        await founder.GetByRole(AriaRole.Link, new() { Name = "Sign up your district" }).First.ClickAsync();
        await CheckPageAsync(founder, "signup");

        await founder.GetByLabel("District name").FillAsync("Ogdenville Schools");
        Assert.Equal("ogdenville-schools", await founder.GetByLabel("Web address").InputValueAsync()); // suggested as you type
        await founder.GetByLabel("Issuer name").FillAsync("Ogdenville School District");
        await founder.GetByLabel("Contact email").FillAsync("pd@ogdenville.example.org");
        await founder.GetByLabel("Your name").FillAsync("Olive Founder");
        await founder.GetByLabel("Your email").FillAsync("olive@ogdenville.example.org");
        await founder.GetByLabel("Password").FillAsync("monorail passphrase");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Create the district" }).ClickAsync();
        await ExpectUrlAsync(founder, new Regex("/account/check-email"));
        Assert.Contains("olive@ogdenville.example.org", await founder.Locator("main").InnerTextAsync());
        await CheckPageAsync(founder, "check-email");

        await OpenLatestEmailAsync(founder, "olive@ogdenville.example.org");
        await founder.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("confirm-email") }).ClickAsync();
        await founder.GetByText("your email address is confirmed").WaitForAsync();
        await CheckPageAsync(founder, "confirmed");
        await founder.GetByRole(AriaRole.Link, new() { Name = "Log in" }).Last.ClickAsync();
        await founder.GetByLabel("Email").FillAsync("olive@ogdenville.example.org");
        await founder.GetByLabel("Password").FillAsync("monorail passphrase");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await ExpectUrlAsync(founder, new Regex("/ogdenville-schools$"));
        await Assertions.Expect(founder.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ogdenville Schools");
        await CheckPageAsync(founder, "district-home");

        await GoViaMenuAsync(founder, "District admin", "Members");
        await CheckPageAsync(founder, "members");
        await founder.GetByLabel("Email address").FillAsync("new.hire@ogdenville.example.org");
        await founder.GetByLabel("Assessor").First.CheckAsync();
        await founder.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Assertions.Expect(founder.GetByRole(AriaRole.Status)).ToContainTextAsync("Invitation sent to new.hire@ogdenville.example.org");
        await Assertions.Expect(founder.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("new.hire@ogdenville") })).ToContainTextAsync("Assessor");
        await CheckPageAsync(founder, "invited");

        var teacher = await NewPageAsync();
        await OpenLatestEmailAsync(teacher, "new.hire@ogdenville.example.org");
        await teacher.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("invitations") }).ClickAsync();
        await Assertions.Expect(teacher.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join Ogdenville Schools");
        await CheckPageAsync(teacher, "invitation");
        await teacher.GetByLabel("Your name").FillAsync("Nell Newhire");
        await teacher.GetByLabel("Password").FillAsync("first day passphrase");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Create my account and join" }).ClickAsync();
        await ExpectUrlAsync(teacher, new Regex("/ogdenville-schools$"));
        await Assertions.Expect(teacher.GetByRole(AriaRole.Status)).ToContainTextAsync("Welcome to Ogdenville Schools");
        await Assertions.Expect(teacher.Locator("main")).ToContainTextAsync("Earner");
        await Assertions.Expect(teacher.Locator("main")).ToContainTextAsync("Assessor");
        await CheckPageAsync(teacher, "joined");

        await founder.ReloadAsync();
        await Assertions.Expect(founder.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Nell Newhire") })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_teacher_with_an_account_accepts_an_invitation_and_switches_districts_by_keyboard()
    {
        var admin = await NewPageAsync();
        await LogInAsync(admin, "admin@shelbyville.test");
        await admin.GotoAsync("/shelbyville/admin/members");
        await admin.GetByLabel("Email address").FillAsync("earner@springfield.test");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Invitation sent");

        var teacher = await NewPageAsync();
        await OpenLatestEmailAsync(teacher, "earner@springfield.test");
        var link = await teacher.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("invitations") }).GetAttributeAsync("href");
        await teacher.GotoAsync(link!);
        await teacher.GetByRole(AriaRole.Link, new() { Name = "Log in to accept" }).ClickAsync();
        await teacher.GetByLabel("Email").FillAsync("earner@springfield.test");
        await teacher.GetByLabel("Password").FillAsync(MicroCred.Application.Seeding.DemoData.Password);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await ExpectUrlAsync(teacher, new Regex("/invitations/"));
        await CheckPageAsync(teacher, "accept");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Accept and join Shelbyville Unified" }).ClickAsync();
        await ExpectUrlAsync(teacher, new Regex("/shelbyville$"));

        // Keyboard only: skip link first, then the district switcher.
        await teacher.Keyboard.PressAsync("Tab");
        await Assertions.Expect(teacher.Locator(":focus")).ToHaveTextAsync("Skip to main content");
        var switcher = teacher.Locator("details.district-switcher summary");
        await switcher.FocusAsync();
        await teacher.Keyboard.PressAsync("Enter");
        await CheckPageAsync(teacher, "switcher-open");
        var springfield = teacher.Locator("details.district-switcher").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Springfield Public Schools") });
        await springfield.FocusAsync();
        await teacher.Keyboard.PressAsync("Enter");
        await ExpectUrlAsync(teacher, new Regex("/springfield$"));
        await Assertions.Expect(teacher.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Springfield Public Schools");
        await Assertions.Expect(switcher).ToContainTextAsync("Springfield Public Schools");
        await CheckPageAsync(teacher, "switched");
    }

    [Fact]
    public async Task A_refused_form_keeps_what_was_typed_and_focuses_the_problems()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/signup");
        await page.GetByLabel("District name").FillAsync("Springfield Again");
        await page.GetByLabel("Web address").FillAsync("springfield");
        await page.GetByLabel("Issuer name").FillAsync("Another Springfield");
        await page.GetByLabel("Contact email").FillAsync("pd@example.org");
        await page.GetByLabel("Your name").FillAsync("Duplicate Dan");
        await page.GetByLabel("Your email").FillAsync("dan@example.org");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the district" }).ClickAsync();

        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Use at least 10 characters");
        Assert.Equal("Duplicate Dan", await page.GetByLabel("Your name").InputValueAsync());
        Assert.Equal("Springfield Again", await page.GetByLabel("District name").InputValueAsync());
        await CheckPageAsync(page, "refused");

        await page.GetByLabel("Password").FillAsync("long enough passphrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the district" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" })).ToContainTextAsync("is taken");
        Assert.Equal("springfield", await page.GetByLabel("Web address").InputValueAsync());
    }

    [Fact]
    public async Task Admin_pages_pass_accessibility_checks()
    {
        var page = await NewPageAsync();
        await LogInAsync(page, "admin@springfield.test");
        foreach (var path in new[] { "/", "/springfield", "/springfield/admin/members", "/springfield/admin/audit", "/springfield/admin/settings", "/springfield/admin/policies",
                     "/account/manage/password", "/no-such-district", "/shelbyville" })
        {
            await page.GotoAsync(path);
            await CheckPageAsync(page, path.Trim('/').Replace('/', '-') is { Length: > 0 } n ? n : "home");
        }
        await page.GotoAsync("/springfield/admin/audit");
        await Assertions.Expect(page.Locator("tbody tr")).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Account_pages_pass_accessibility_checks()
    {
        var page = await NewPageAsync();
        foreach (var path in new[] { "/account/login", "/account/register", "/account/forgot-password", "/account/resend-confirmation",
                     "/account/check-email?email=x%40example.org", "/account/reset-password?email=x%40example.org&code=abc", "/dev/mailbox" })
        {
            await page.GotoAsync(path);
            await CheckPageAsync(page, path.Split('?')[0].Trim('/').Replace('/', '-'));
        }
    }
}
