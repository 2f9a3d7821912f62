using System.Text.RegularExpressions;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Tenancy;

/// <summary>
/// A district that starts from nothing reaches its first badge on its own, in the browser: sign up, design and
/// publish a micro-credential, qualify the one assessor it has, invite a teacher who submits, score, award. With a
/// single assessor and every submission selected for double scoring, the work goes on with one score instead of
/// waiting forever for a second scorer.
/// </summary>
public sealed class FirstBadgeJourneyTests(Chromium chromium, DevelopmentAppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<DevelopmentAppFixture>
{
    private const string District = "Capital City Schools";
    private const string Slug = "capital-city-schools";
    private const string Credential = "Wait Time in Questioning";

    private async Task OpenLatestEmailLinkAsync(IPage page, string to, string linkContains)
    {
        await page.GotoAsync($"/dev/mailbox?to={Uri.EscapeDataString(to)}");
        await page.Locator("tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/dev/mailbox/[0-9a-f-]+$"));
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(Regex.Escape(linkContains)) }).ClickAsync();
    }

    private async Task<IPage> AcceptInvitationAsync(string email, string name, string password)
    {
        var page = await NewPageAsync();
        await OpenLatestEmailLinkAsync(page, email, "invitations");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account and join" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex($"/{Slug}$"));
        return page;
    }

    private static async Task InviteAsync(IPage admin, string email, string role)
    {
        await admin.GotoAsync($"/{Slug}/admin/members");
        await admin.GetByLabel("Email address").FillAsync(email);
        foreach (var box in await admin.Locator("input[name='Input.Roles']:checked").AllAsync()) await box.UncheckAsync();
        await admin.Locator($"input[name='Input.Roles'][value='{role}']").CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync($"Invitation sent to {email}");
    }

    [Fact]
    public async Task A_district_signed_up_with_one_assessor_and_everything_double_scored_takes_a_submission_to_its_first_badge()
    {
        // Sign up and confirm.
        var founder = await NewPageAsync();
        founder.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await founder.GotoAsync("/signup");
        await founder.GetByLabel("District name").FillAsync(District);
        await founder.GetByLabel("Issuer name").FillAsync("Capital City School District");
        await founder.GetByLabel("Contact email").FillAsync("pd@capital-city.example.org");
        await founder.GetByLabel("Your name").FillAsync("Fran Founder");
        await founder.GetByLabel("Your email").FillAsync("fran@capital-city.example.org");
        await founder.GetByLabel("Password").FillAsync("capital passphrase");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Create the district" }).ClickAsync();
        await ExpectUrlAsync(founder, new Regex("/account/check-email"));
        await OpenLatestEmailLinkAsync(founder, "fran@capital-city.example.org", "confirm-email");
        await founder.GetByText("your email address is confirmed").WaitForAsync();
        await LogInAsync(founder, "fran@capital-city.example.org", "capital passphrase");
        await ExpectUrlAsync(founder, new Regex($"/{Slug}$")); // one district: signing in leads to its home
        var checklist = founder.GetByRole(AriaRole.Region, new() { Name = "Getting started" });
        await Assertions.Expect(checklist).ToContainTextAsync("0 of 7 done");
        await CheckPageAsync(founder, "district-home");

        // The founder also designs and issues; every submission is to be double-scored.
        await founder.GotoAsync($"/{Slug}/admin/members");
        var me = founder.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Fran Founder") });
        await me.GetByLabel("Developer").CheckAsync();
        await me.GetByLabel("Issuer").CheckAsync();
        await me.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Save") }).ClickAsync();
        await Assertions.Expect(founder.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Fran Founder") }).GetByLabel("Issuer")).ToBeCheckedAsync();

        // A new district wants its Issuers to sign in with a second factor: issuing first leads to setting one up.
        await founder.GotoAsync($"/{Slug}/issuing/decisions");
        await ExpectUrlAsync(founder, new Regex("/account/manage/two-factor\\?district="));
        await Assertions.Expect(founder.GetByRole(AriaRole.Alert)).ToContainTextAsync("asks Issuers to sign in with a second factor");
        await CheckPageAsync(founder, "second-factor-required");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var key = await founder.Locator("[data-authenticator-key]").TextContentAsync();
        await founder.GetByLabel("Code from the app").FillAsync(Authenticator.Code(key!));
        await founder.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(founder.Locator("[data-recovery-codes] li")).ToHaveCountAsync(10);
        await founder.GetByRole(AriaRole.Region, new() { Name = "Your recovery codes" }).GetByRole(AriaRole.Link, new() { Name = "Continue to where you were going" }).ClickAsync();
        await ExpectUrlAsync(founder, new Regex($"/{Slug}/issuing/decisions$"));
        await founder.GotoAsync($"/{Slug}/admin/policies");
        await founder.GetByLabel("Share of submissions scored twice, independently (%)").FillAsync("100");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Save policies" }).ClickAsync();
        await Assertions.Expect(founder.GetByLabel("Share of submissions scored twice, independently (%)")).ToHaveValueAsync("100");

        // Exactly one assessor joins.
        await InviteAsync(founder, "ada@capital-city.example.org", "Assessor");
        var assessor = await AcceptInvitationAsync("ada@capital-city.example.org", "Ada Assessor", "assessing passphrase");

        // Design and publish: it succeeds, and warns that nobody can assess it yet, with the way to fix that.
        await founder.GotoAsync($"/{Slug}/design");
        await founder.GetByLabel("Name").FillAsync(Credential);
        await founder.GetByRole(AriaRole.Button, new() { Name = "Create and edit", Exact = true }).ClickAsync();
        await ExpectUrlAsync(founder, new Regex($"/{Slug}/design/credentials/[0-9a-f-]+$"));
        await founder.GetByLabel("Short description").FillAsync("Pausing after questions so every student can think.");
        await founder.GetByLabel("Competency statement").FillAsync("The educator uses wait time so that more students answer, and answer at length.");
        await founder.GetByRole(AriaRole.Textbox, new() { Name = "Key method", Exact = true }).FillAsync("Three to five seconds of silence after every question.");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Add a component", Exact = true }).ClickAsync();
        await founder.Keyboard.TypeAsync("Wait after asking");
        await founder.GetByLabel("Why this competency matters").FillAsync("Longer wait time leads to longer, better-reasoned answers.");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Add a citation", Exact = true }).ClickAsync();
        var citation = founder.GetByRole(AriaRole.Group, new() { Name = "Citation 1", Exact = true });
        await citation.GetByLabel("Reference").FillAsync("Rowe, M. B. (1986). Wait time: slowing down may be a way of speeding up.");
        await citation.GetByLabel("Link").FillAsync("https://example.org/wait-time");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Add a resource", Exact = true }).ClickAsync();
        var resource = founder.GetByRole(AriaRole.Group, new() { Name = "Resource 1", Exact = true });
        await resource.GetByLabel("Title").FillAsync("Wait time in practice");
        await resource.GetByLabel("Kind").SelectOptionAsync("Video");
        await resource.GetByLabel("Web address").FillAsync("https://example.org/wait-time-video");
        await founder.GetByLabel("Estimated hours to earn").FillAsync("6");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Add an evidence prompt", Exact = true }).ClickAsync();
        var prompt = founder.GetByRole(AriaRole.Group, new() { Name = "Evidence prompt 1", Exact = true });
        await prompt.GetByLabel("Title").FillAsync("Reflection");
        await prompt.GetByLabel("Instructions").FillAsync("What happened when you waited longer after asking?");
        await prompt.GetByLabel("Kind of evidence").SelectOptionAsync("Reflection");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Add a criterion", Exact = true }).ClickAsync();
        await founder.GetByLabel("Criterion 1", new() { Exact = true }).FillAsync("Waits after questions");
        foreach (var level in new[] { "Not yet", "Developing", "Proficient", "Exemplary" })
            await founder.GetByLabel($"Waits after questions, {level}: descriptor").FillAsync($"Waits after questions: {level.ToLowerInvariant()}");
        await founder.Locator("[data-criteria] tr").Nth(0).GetByLabel("Reflection").CheckAsync();
        await founder.GetByLabel("Every criterion at or above").SelectOptionAsync(new SelectOptionValue { Label = "Proficient" });
        await founder.GetByRole(AriaRole.Button, new() { Name = "Add a standard", Exact = true }).ClickAsync();
        var standard = founder.GetByRole(AriaRole.Group, new() { Name = "Standard 1", Exact = true });
        await standard.GetByLabel("Framework").FillAsync("ISTE Standards for Educators");
        await standard.GetByLabel("Code").FillAsync("2.5.a");
        await standard.GetByLabel("Standard", new() { Exact = true }).FillAsync("Designer");
        await standard.GetByLabel("Link").FillAsync("https://iste.org/standards/educators");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Publish version 1", Exact = true }).ClickAsync();
        await Assertions.Expect(founder.Locator(".notice.success")).ToContainTextAsync("Published version 1");
        var warning = founder.Locator(".notice.warning");
        await Assertions.Expect(warning).ToContainTextAsync("Nobody is qualified to assess this micro-credential yet");
        await CheckPageAsync(founder, "published-with-warning");

        // The warning's link leads to the qualifications of this credential: qualify the one assessor.
        await warning.GetByRole(AriaRole.Link, new() { Name = "qualify an assessor" }).ClickAsync();
        await ExpectUrlAsync(founder, new Regex($"/{Slug}/assessment/admin/qualifications\\?credential="));
        await Assertions.Expect(founder.GetByLabel("Micro-credential")).ToHaveValueAsync(new Regex("[0-9a-f-]{36}"));
        await founder.GetByRole(AriaRole.Button, new() { Name = "Qualify Ada Assessor" }).ClickAsync();
        await Assertions.Expect(founder.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Ada Assessor") })).ToContainTextAsync("Qualified");
        await CheckPageAsync(founder, "qualified");

        // A teacher is invited, starts the credential and submits.
        await InviteAsync(founder, "tess@capital-city.example.org", "Earner");
        var teacher = await AcceptInvitationAsync("tess@capital-city.example.org", "Tess Teacher", "teaching passphrase");
        await teacher.GotoAsync($"/{Slug}/catalog");
        await teacher.GetByRole(AriaRole.Link, new() { Name = Credential }).First.ClickAsync();
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Start this micro-credential" }).ClickAsync();
        await teacher.Locator("textarea[data-prompt-id]").FillAsync("After I waited five seconds, twice as many students answered, and their answers were longer and built on each other.");
        await Assertions.Expect(teacher.Locator("[data-save-status]").First).ToHaveTextAsync(new Regex("^Saved at "));
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Submit for assessment" }).ClickAsync();
        await Assertions.Expect(teacher.Locator("#status-heading")).ToHaveTextAsync("Status: Submitted");

        // The Admin assigns the waiting work: it goes to the one assessor, with nothing left waiting for a second scorer.
        await founder.GotoAsync($"/{Slug}/assessment/admin");
        await founder.GetByRole(AriaRole.Button, new() { Name = "Assign waiting work now" }).ClickAsync();
        await Assertions.Expect(founder.Locator(".notice.success")).ToContainTextAsync("1 assignment made.");
        await Assertions.Expect(founder.Locator(".notice.warning")).ToHaveCountAsync(0);
        var row = founder.GetByRole(AriaRole.Row).Filter(new() { HasText = Credential });
        await Assertions.Expect(row).ToContainTextAsync("Ada Assessor");
        await Assertions.Expect(row).Not.ToContainTextAsync("a second scorer");
        await CheckPageAsync(founder, "assigned");

        // The assessor scores it.
        await assessor.GotoAsync($"/{Slug}/assessment");
        await assessor.GetByRole(AriaRole.Row).Filter(new() { HasText = Credential }).GetByRole(AriaRole.Link).First.ClickAsync();
        await assessor.GetByRole(AriaRole.Group, new() { Name = "Waits after questions" }).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Exemplary") }).CheckAsync();
        await assessor.GetByLabel("Overall feedback").FillAsync("Clear evidence that wait time changed who answers.");
        await assessor.GetByRole(AriaRole.Button, new() { Name = "Submit score" }).ClickAsync();
        await ExpectUrlAsync(assessor, new Regex($"/{Slug}/assessment$"));
        await Assertions.Expect(assessor.GetByRole(AriaRole.Status)).ToContainTextAsync("Score submitted");

        // The Issuer awards it: the district's first badge.
        await founder.GotoAsync($"/{Slug}/issuing/decisions");
        var waiting = founder.Locator("table[aria-labelledby=waiting-heading] tbody tr").Filter(new() { HasText = "Tess Teacher" });
        await Assertions.Expect(waiting).ToContainTextAsync("Award");
        await waiting.GetByRole(AriaRole.Checkbox).CheckAsync();
        await founder.GetByRole(AriaRole.Button, new() { Name = "Award the chosen" }).ClickAsync();
        await Assertions.Expect(founder.GetByRole(AriaRole.Status).First).ToContainTextAsync("Awarded 1 submission.");
        await CheckPageAsync(founder, "awarded");

        // The reliability report says why it was not double-scored.
        await founder.GotoAsync($"/{Slug}/assessment/admin/reliability");
        await Assertions.Expect(founder.Locator(".sampling")).ToContainTextAsync("Not double-scored: too few assessors: 1");
        await CheckPageAsync(founder, "reliability");

        // Every step but the issuer profile's website is done now.
        await founder.GotoAsync($"/{Slug}");
        await Assertions.Expect(checklist).ToContainTextAsync("6 of 7 done");
        await Assertions.Expect(checklist.GetByRole(AriaRole.Link)).ToHaveCountAsync(1);

        await teacher.GotoAsync($"/{Slug}");
        await Assertions.Expect(teacher.GetByRole(AriaRole.Region, new() { Name = "Your badges" })).ToContainTextAsync(Credential);
        await CheckPageAsync(teacher, "teacher-home");
        await teacher.GotoAsync($"/{Slug}/evidence");
        await Assertions.Expect(teacher.Locator("main")).ToContainTextAsync(Credential);
        await teacher.GotoAsync("/backpack");
        await Assertions.Expect(teacher.Locator("main")).ToContainTextAsync(Credential);
    }
}
