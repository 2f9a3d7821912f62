using System.Text.RegularExpressions;
using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Seeding;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Tenancy;

/// <summary>The Development host (its mailbox) with one platform operator.</summary>
public sealed class OperatorDevelopmentFixture : DevelopmentAppFixture
{
    public const string Operator = "recognizer@state-board.test";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Platform:Operators:0"] = Operator };
}

/// <summary>
/// Someone outside a district claims the badge it issued them, from the email's link, registering on the way; the platform
/// operator suspends and restores a district from the console. On a phone-sized window.
/// </summary>
public sealed class OutsideIssuingJourneyTests(Chromium chromium, OperatorDevelopmentFixture fixture)
    : BrowserTest(chromium, fixture), IClassFixture<OperatorDevelopmentFixture>
{
    private async Task OpenLatestEmailAsync(IPage page, string to, string step)
    {
        await page.GotoAsync($"/dev/mailbox?to={Uri.EscapeDataString(to)}");
        await page.Locator("tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/dev/mailbox/[0-9a-f-]+$"));
        await CheckPageAsync(page, step);
    }

    [Fact]
    public async Task A_newcomer_claims_a_badge_from_the_email_link_after_registering_and_finds_it_in_the_backpack()
    {
        const string newcomer = "dana.outside@example.net";
        var (credentialId, _, _) = await new BadgeKit(fixture).Published("springfield", DesignSeed.GoingPublic);
        await using (var scope = await fixture.As("issuer@springfield.test", "springfield"))
            await AppFixture.Get<ISender>(scope).Send(new IssueBadge(newcomer, credentialId, "Recognised from the state academy.", null, false));

        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await OpenLatestEmailAsync(page, newcomer, "claim-email");
        await page.Locator("main a[href*='/springfield/claim?token=']").ClickAsync();
        await ExpectUrlAsync(page, new Regex("/springfield/claim\\?token="));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(DesignSeed.GoingPublic);
        await CheckPageAsync(page, "claim-signed-out");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/account/register\\?returnUrl="));
        await page.GetByLabel("Your name").FillAsync("Dana Outside");
        await page.GetByLabel("Email").FillAsync(newcomer);
        await page.GetByLabel("Password").FillAsync("claiming passphrase 9");
        await page.GetByLabel("Password").PressAsync("Enter");
        await ExpectUrlAsync(page, new Regex("/account/check-email"));

        await OpenLatestEmailAsync(page, newcomer, "confirmation-email");
        await page.Locator("main a[href*='/account/confirm-email']").ClickAsync();
        await ExpectUrlAsync(page, new Regex("/account/confirm-email"));
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Log in" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/account/login\\?returnUrl="));
        await page.GetByLabel("Email").FillAsync(newcomer);
        await page.GetByLabel("Password").FillAsync("claiming passphrase 9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/springfield/claim\\?token="));
        await CheckPageAsync(page, "claim-signed-in");

        var claim = page.GetByRole(AriaRole.Button, new() { Name = "Add the badge to my backpack" });
        await claim.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await ExpectUrlAsync(page, new Regex("/backpack$"));
        await Assertions.Expect(page.Locator("li.backpack-badge").Filter(new() { HasText = DesignSeed.GoingPublic })).ToHaveCountAsync(1);
        await CheckPageAsync(page, "backpack");
    }

    [Fact]
    public async Task The_operator_suspends_a_district_from_the_console_its_issuer_is_told_why_and_the_operator_restores_it()
    {
        var op = await NewPageAsync();
        await op.SetViewportSizeAsync(390, 844);
        await LogInAsync(op, OperatorDevelopmentFixture.Operator);
        await op.GotoAsync("/operator");
        await Assertions.Expect(op.GetByRole(AriaRole.Heading, new() { Name = "Districts" })).ToBeVisibleAsync();
        await CheckPageAsync(op, "console");
        // Fits the phone: nothing wider than the window.
        Assert.True(await op.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        // ...and not by squeezing: each fact's value keeps room to read (it once wrapped one letter per line).
        var narrowest = await op.Locator(".operator-districts dd").EvaluateAllAsync<double>("dds => Math.min(...dds.map(d => d.getBoundingClientRect().width))");
        Assert.True(narrowest > 150, $"a fact's value is {narrowest} px wide on a phone");

        var shelbyville = op.Locator("li.card").Filter(new() { Has = op.Locator("#district-shelbyville") });
        await shelbyville.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Suspend") }).ClickAsync();
        await ExpectUrlAsync(op, new Regex("/operator"));
        await Assertions.Expect(op.Locator(".error-summary")).ToContainTextAsync("Say why");
        await CheckPageAsync(op, "refused");

        shelbyville = op.Locator("li.card").Filter(new() { Has = op.Locator("#district-shelbyville") });
        await shelbyville.GetByLabel(new Regex("^Reason for suspending")).FillAsync("Reported for phishing.");
        await shelbyville.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Suspend") }).ClickAsync();
        await ExpectUrlAsync(op, new Regex("/operator$"));
        shelbyville = op.Locator("li.card").Filter(new() { Has = op.Locator("#district-shelbyville") });
        await Assertions.Expect(shelbyville).ToContainTextAsync("Reported for phishing.");

        var issuer = await NewPageAsync();
        await issuer.SetViewportSizeAsync(390, 844);
        await LogInAsync(issuer, "issuer@shelbyville.test");
        await issuer.GotoAsync("/shelbyville/issuing");
        await Assertions.Expect(issuer.Locator("main")).ToContainTextAsync("is suspended");
        await CheckPageAsync(issuer, "suspended");

        await shelbyville.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Lift the suspension") }).ClickAsync();
        await ExpectUrlAsync(op, new Regex("/operator$"));
        await issuer.GotoAsync("/shelbyville/issuing");
        await Assertions.Expect(issuer.Locator("main h1")).Not.ToContainTextAsync("suspended");
    }
}
