using System.Net;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Tenancy;

/// <summary>Signing up districts, inviting people, and managing members, over HTTP and through the handlers.</summary>
public sealed class DistrictTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> SignUp(string slug, string email) => new()
    {
        ["Input.DistrictName"] = "Capital City Schools", ["Input.Slug"] = slug, ["Input.IssuerName"] = "Capital City School District",
        ["Input.Website"] = "https://capital.example.org", ["Input.ContactEmail"] = "pd@capital.example.org",
        ["Input.DisplayName"] = "Morgan Founder", ["Input.Email"] = email, ["Input.Password"] = "founding passphrase 1",
    };

    [Fact]
    public async Task Signing_up_creates_the_district_with_the_founder_as_Admin_after_confirming_the_email()
    {
        using var browser = new HttpSession(fixture.BaseAddress);
        var response = await browser.SubmitAsync("/signup", SignUp("capital-city", "morgan@capital.example.org"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/check-email", response.Headers.Location!.OriginalString);

        var (_, body) = await fixture.LatestTo("morgan@capital.example.org");
        var link = Mailbox.LinkIn(body);
        Assert.Contains("returnUrl=%2Fcapital-city", link);
        await browser.PageAsync(link);
        await browser.LogInAsync("morgan@capital.example.org", "founding passphrase 1");

        var home = await browser.PageAsync("/capital-city");
        Assert.Contains("Capital City Schools", home.QuerySelector("h1")!.TextContent);
        Assert.Contains("Capital City School District", home.MainText());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/capital-city/admin/members")).StatusCode);

        var district = await fixture.District("capital-city");
        await using var scope = fixture.App.Scope(district.Id, "capital-city");
        var membership = await AppFixture.Get<AppDbContext>(scope).Memberships.SingleAsync();
        Assert.Equal(DistrictRole.Admin, membership.Roles);
        Assert.Equal(await fixture.UserId("morgan@capital.example.org"), membership.UserId);
    }

    [Theory]
    [InlineData("admin", "reserved")]
    [InlineData("public", "reserved")]
    [InlineData("Bad Slug", "lowercase")]
    [InlineData("ab", "3 to 40")]
    [InlineData("springfield", "taken")]
    public async Task A_bad_or_taken_slug_is_refused_on_the_form_with_everything_kept(string slug, string reason)
    {
        using var browser = new HttpSession(fixture.BaseAddress);
        var response = await browser.SubmitAsync("/signup", SignUp(slug, $"founder-{Guid.NewGuid():N}@example.org"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(page.Errors(), e => e.Contains(reason));
        Assert.Equal(slug, page.ValueOf("Input.Slug"));
        Assert.Equal("Capital City Schools", page.ValueOf("Input.DistrictName"));
        Assert.Equal("Morgan Founder", page.ValueOf("Input.DisplayName"));
        Assert.Equal("https://capital.example.org", page.ValueOf("Input.Website"));
    }

    [Fact]
    public async Task A_logged_in_person_signs_up_a_second_district_with_their_account()
    {
        using var browser = new HttpSession(fixture.BaseAddress);
        await browser.LogInAsync("developer@springfield.test");
        var fields = SignUp("second-district", "ignored@example.org");
        var response = await browser.SubmitAsync("/signup", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/second-district", response.Headers.Location!.OriginalString);

        var home = await browser.PageAsync("/");
        Assert.Contains("Springfield Public Schools", home.MainText());
        Assert.Contains("Capital City Schools", home.MainText());
    }

    [Fact]
    public async Task An_invitation_makes_a_new_account_with_the_invited_roles()
    {
        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        var page = await admin.PageAsync("/springfield/admin/members");
        var invite = await admin.PostAsync("/springfield/admin/members?handler=Invite",
            [new("Input.Email", "new.teacher@example.org"), new("Input.Roles", "Earner"), new("Input.Roles", "Assessor")], HttpSession.TokenOf(page)!);
        Assert.Equal(HttpStatusCode.Redirect, invite.StatusCode);

        var (subject, body) = await fixture.LatestTo("new.teacher@example.org");
        Assert.Equal("You are invited to join Springfield Public Schools on MicroCred", subject);
        Assert.Contains("Earner and Assessor", body);
        var link = Mailbox.LinkIn(body);

        using var invitee = new HttpSession(fixture.BaseAddress);
        var invitation = await invitee.PageAsync(link);
        Assert.Contains("new.teacher@example.org", invitation.MainText());
        var accepted = await invitee.SubmitAsync(link, new Dictionary<string, string> { ["Input.DisplayName"] = "Nova Teacher", ["Input.Password"] = "my first passphrase" }, "Register");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/springfield", accepted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync("/springfield")).StatusCode);

        var members = await admin.PageAsync("/springfield/admin/members");
        var row = members.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("new.teacher@example.org"));
        Assert.Equal(["Earner", "Assessor"], row.QuerySelectorAll("input[type=checkbox][checked]").Select(c => c.GetAttribute("value")));

        // The link is spent.
        using var again = new HttpSession(fixture.BaseAddress);
        Assert.Contains("already been used", (await again.PageAsync(link)).MainText());
    }

    [Fact]
    public async Task An_existing_member_of_another_district_accepts_and_can_switch_between_them()
    {
        Guid invitationId;
        string token;
        await using (var scope = await fixture.As("admin@shelbyville.test", "shelbyville"))
            invitationId = await AppFixture.Get<ISender>(scope).Send(new InviteMember("issuer@springfield.test", DistrictRole.Issuer | DistrictRole.Developer));
        token = new Uri("http://x" + Mailbox.LinkIn((await fixture.LatestTo("issuer@springfield.test")).Body)).AbsolutePath.Split('/').Last();

        using var person = new HttpSession(fixture.BaseAddress);
        await person.LogInAsync("issuer@springfield.test");
        var accept = await person.SubmitAsync($"/shelbyville/invitations/{token}", new Dictionary<string, string>(), "Accept");
        Assert.Equal(HttpStatusCode.Redirect, accept.StatusCode);

        var header = await person.PageAsync("/shelbyville");
        var switcher = header.QuerySelectorAll(".district-switcher a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/springfield", switcher);
        Assert.Contains("/shelbyville", switcher);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/springfield")).StatusCode);

        await using var check = await fixture.As("admin@shelbyville.test", "shelbyville");
        var invitation = await AppFixture.Get<AppDbContext>(check).Invitations.SingleAsync(i => i.Id == invitationId);
        Assert.NotNull(invitation.AcceptedAt);
    }

    [Fact]
    public async Task A_withdrawn_invitation_cannot_be_accepted()
    {
        await using var scope = await fixture.As("admin@springfield.test", "springfield");
        var sender = AppFixture.Get<ISender>(scope);
        await sender.Send(new InviteMember("withdrawn@example.org", DistrictRole.Earner));
        var link = Mailbox.LinkIn((await fixture.LatestTo("withdrawn@example.org")).Body);
        var invitation = (await sender.Send(new ListMembers())).Invitations.Single(i => i.Email == "withdrawn@example.org");
        await sender.Send(new RevokeInvitation(invitation.Id));

        using var invitee = new HttpSession(fixture.BaseAddress);
        Assert.Contains("withdrawn by the district", (await invitee.PageAsync(link)).MainText());
    }

    [Fact]
    public async Task Inviting_a_current_member_is_refused_with_a_clear_message()
    {
        await using var scope = await fixture.As("admin@springfield.test", "springfield");
        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            AppFixture.Get<ISender>(scope).Send(new InviteMember("Earner@Springfield.test", DistrictRole.Assessor)).AsTask());
        Assert.Contains("already a member", refusal.Message);
        Assert.Equal("Email", refusal.Field);
    }

    [Fact]
    public async Task The_last_Admin_can_be_neither_demoted_nor_removed_but_roles_change_and_members_leave()
    {
        await using var scope = await fixture.As("admin@shelbyville.test", "shelbyville");
        var sender = AppFixture.Get<ISender>(scope);
        var members = (await sender.Send(new ListMembers())).Members;
        var admin = members.Single(m => m.Email == "admin@shelbyville.test");
        var developer = members.Single(m => m.Email == "developer@shelbyville.test");

        var demote = await Assert.ThrowsAsync<DomainException>(() => sender.Send(new ChangeMemberRoles(admin.MembershipId, DistrictRole.Earner)).AsTask());
        Assert.Contains("at least one Admin", demote.Message);
        await Assert.ThrowsAsync<DomainException>(() => sender.Send(new RemoveMember(admin.MembershipId)).AsTask());

        await sender.Send(new ChangeMemberRoles(developer.MembershipId, DistrictRole.Developer | DistrictRole.Assessor));
        await sender.Send(new RemoveMember(members.Single(m => m.Email == "recognizer@shelbyville.test").MembershipId));
        var after = (await sender.Send(new ListMembers())).Members;
        Assert.Equal(DistrictRole.Developer | DistrictRole.Assessor, after.Single(m => m.Email == "developer@shelbyville.test").Roles);
        Assert.DoesNotContain(after, m => m.Email == "recognizer@shelbyville.test");
    }

    [Fact]
    public async Task The_Admin_sets_policies_on_a_form_that_keeps_input_on_refusal()
    {
        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@shelbyville.test");
        var page = await admin.PageAsync("/shelbyville/admin/policies");
        Assert.Equal("5", page.ValueOf("Input.TurnaroundBusinessDays"));
        Assert.Equal("10", page.ValueOf("Input.DoubleScoringPercent"));

        var fields = new Dictionary<string, string>
        {
            ["Input.MaxAttempts"] = "3", ["Input.Assignment"] = "Claim", ["Input.TurnaroundBusinessDays"] = "0", ["Input.BlindReview"] = "false",
            ["Input.DoubleScoringPercent"] = "25", ["Input.ForbidSameSchool"] = "true", ["Input.AgreementThresholdPercent"] = "75",
            ["Input.CalibrationThresholdPercent"] = "85", ["Input.AutoAward"] = "true",
        };
        var refused = await admin.PostAsync("/shelbyville/admin/policies", fields, HttpSession.TokenOf(page));
        var refusedPage = await HttpSession.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("The turnaround target is 1 to 60 business days.", refusedPage.Errors());
        Assert.Equal("25", refusedPage.ValueOf("Input.DoubleScoringPercent"));

        fields["Input.TurnaroundBusinessDays"] = "7";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/shelbyville/admin/policies", fields, HttpSession.TokenOf(page))).StatusCode);
        await using var scope = await fixture.As("admin@shelbyville.test", "shelbyville");
        var policy = await AppFixture.Get<ISender>(scope).Send(new GetDistrictPolicy());
        Assert.Equal(new DistrictPolicyView(3, AssignmentMode.Claim, 7, false, 25, true, 75, 85, true, false, false), policy);

        using var earner = new HttpSession(fixture.BaseAddress);
        await earner.LogInAsync("earner@shelbyville.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await earner.GetAsync("/shelbyville/admin/policies")).StatusCode);
    }
}
