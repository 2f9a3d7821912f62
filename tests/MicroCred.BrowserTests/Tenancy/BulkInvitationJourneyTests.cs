using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Tenancy;

/// <summary>An Admin invites a list of people in the browser, corrects the refused line, and resends a pending invitation.</summary>
public sealed class BulkInvitationJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_pastes_a_list_sees_the_refused_line_corrects_it_and_resends_an_invitation()
    {
        var admin = await NewPageAsync();
        await LogInAsync(admin, "admin@springfield.test");
        await admin.GotoAsync("/springfield/admin/members");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Invite many people at once" }).ClickAsync();
        await CheckPageAsync(admin, "invite-many");

        await admin.GetByLabel("One person per line: email, name, roles").FillAsync("lee.one@westside.example.org, Lee One, Earner Assessor\nlee.two@westside, Lee Two");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitations" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#result-heading")).ToHaveTextAsync("1 invitation sent, 1 line refused");
        var refused = admin.GetByRole(AriaRole.Table, new() { Name = "Refused lines" });
        await Assertions.Expect(refused).ToContainTextAsync("\"lee.two@westside\" is not an email address");
        await Assertions.Expect(admin.GetByLabel("One person per line: email, name, roles")).ToHaveValueAsync("lee.two@westside, Lee Two");
        await CheckPageAsync(admin, "refused-line");

        await admin.GetByLabel("One person per line: email, name, roles").FillAsync("lee.two@westside.example.org, Lee Two");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send the invitations" }).ClickAsync();
        await Assertions.Expect(admin.Locator("#result-heading")).ToHaveTextAsync("1 invitation sent");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Members" }).First.ClickAsync();
        var row = admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "lee.one@westside.example.org" });
        await Assertions.Expect(row).ToContainTextAsync("Assessor");
        await row.GetByRole(AriaRole.Button, new() { Name = "Resend invitation to lee.one@westside.example.org" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("Invitation sent again to lee.one@westside.example.org");
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "lee.two@westside.example.org" })).ToBeVisibleAsync();
        await CheckPageAsync(admin, "members-resent");
    }
}
