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

/// <summary>Admins invite many people at once; bad lines are refused with their reason and nothing is sent for them; pending invitations can be resent.</summary>
public sealed class BulkInvitationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<List<string>> MailTo(string email)
    {
        await using var scope = fixture.App.Scope();
        return await AppFixture.Get<AppDbContext>(scope).EmailMessages.Where(m => m.To == email).Select(m => m.TextBody).ToListAsync();
    }

    private async Task<T> AsAdmin<T>(Func<ISender, Task<T>> act, string email = "admin@springfield.test", string district = "springfield")
    {
        await using var scope = await fixture.As(email, district);
        return await act(AppFixture.Get<ISender>(scope));
    }

    [Fact]
    public async Task Good_lines_are_invited_with_their_roles_and_bad_lines_are_refused_with_their_reason_and_get_nothing()
    {
        const string list = """
            email,name,roles
            jo.lee@westside.example.org, Jo Lee, Earner; Assessor
            "kim.park@westside.example.org","Park, Kim",
            not-an-email, Nobody, Earner
            sam@westside.example.org, Sam, Teacher
            JO.LEE@westside.example.org, Jo again, Earner
            earner@springfield.test, Erin, Earner
            """;
        var result = await AsAdmin(s => s.Send(new InviteMany(list)).AsTask());

        Assert.Equal(["jo.lee@westside.example.org", "kim.park@westside.example.org"], result.Invited);
        Assert.Equal([4, 5, 6, 7], result.Refused.Select(r => r.Line));
        Assert.Contains("is not an email address", result.Refused[0].Reason);
        Assert.Contains("\"Teacher\" is not a role", result.Refused[1].Reason);
        Assert.Contains("already on line 2", result.Refused[2].Reason);
        Assert.Contains("already a member", result.Refused[3].Reason);
        Assert.Equal("sam@westside.example.org, Sam, Teacher", result.Refused[1].Text);

        Assert.Contains("Hello Jo Lee,", Assert.Single(await MailTo("jo.lee@westside.example.org")));
        Assert.Contains("Hello Park, Kim,", Assert.Single(await MailTo("kim.park@westside.example.org")));
        Assert.Empty(await MailTo("sam@westside.example.org"));
        Assert.Empty(await MailTo("not-an-email"));
        var roles = await AsAdmin(async s => (await s.Send(new ListMembers())).Invitations.ToDictionary(i => i.Email, i => i.Roles));
        Assert.Equal(DistrictRole.Earner | DistrictRole.Assessor, roles["jo.lee@westside.example.org"]);
        Assert.Equal(DistrictRole.Earner, roles["kim.park@westside.example.org"]);
        Assert.DoesNotContain("sam@westside.example.org", roles.Keys);

        // Only Admins, and nothing at all from an empty list.
        await using (var earner = await fixture.As("earner@springfield.test", "springfield"))
            await Assert.ThrowsAsync<ForbiddenException>(() => AppFixture.Get<ISender>(earner).Send(new InviteMany("x@example.org")).AsTask());
        await Assert.ThrowsAsync<DomainException>(() => AsAdmin(s => s.Send(new InviteMany("email,name,roles\n")).AsTask()));
    }

    [Fact]
    public async Task The_page_lists_refused_lines_and_keeps_them_in_the_box_to_correct()
    {
        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        var response = await admin.SubmitAsync("/springfield/admin/members/invite-many",
            new Dictionary<string, string> { ["Input.Rows"] = "ana@westside.example.org, Ana\nbroken-address, Bo" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("1 invitation sent, 1 line refused", page.QuerySelector("#result-heading")!.TextContent);
        Assert.Contains("is not an email address", page.QuerySelector("table[aria-label='Refused lines']")!.TextContent);
        Assert.Equal("broken-address, Bo", page.QuerySelector("textarea[name='Input.Rows']")!.TextContent.Trim());

        var empty = await admin.SubmitAsync("/springfield/admin/members/invite-many", new Dictionary<string, string> { ["Input.Rows"] = "" });
        Assert.Contains("Paste one person per line", (await HttpSession.Parse(await empty.Content.ReadAsStringAsync())).QuerySelector(".error-summary")!.TextContent);
    }

    [Fact]
    public async Task A_pending_invitation_is_resent_with_a_new_link_and_another_district_cannot_resend_it()
    {
        var id = await AsAdmin(s => s.Send(new InviteMember("resend.me@westside.example.org", DistrictRole.Earner)).AsTask());
        var first = Assert.Single(await MailTo("resend.me@westside.example.org"));

        await Assert.ThrowsAsync<NotFoundException>(() => AsAdmin(s => s.Send(new ResendInvitation(id)).AsTask(), "admin@shelbyville.test", "shelbyville"));
        Assert.Equal("resend.me@westside.example.org", await AsAdmin(s => s.Send(new ResendInvitation(id)).AsTask()));

        var mails = await MailTo("resend.me@westside.example.org");
        Assert.Equal(2, mails.Count);
        Assert.NotEqual(Mailbox.LinkIn(first), Mailbox.LinkIn(mails.Single(m => m != first)));
        using var stale = new HttpSession(fixture.BaseAddress);
        Assert.Contains("withdrawn", (await stale.PageAsync(Mailbox.LinkIn(first))).MainText());
        var pending = await AsAdmin(async s => (await s.Send(new ListMembers())).Invitations.Where(i => i.Email == "resend.me@westside.example.org").ToList());
        Assert.Single(pending);
        await Assert.ThrowsAsync<DomainException>(() => AsAdmin(s => s.Send(new ResendInvitation(id)).AsTask())); // the old one is withdrawn now
    }
}
