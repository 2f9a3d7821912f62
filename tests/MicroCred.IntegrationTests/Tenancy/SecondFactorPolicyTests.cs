using System.Net;
using AngleSharp.Dom;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Accounts;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Tenancy;

/// <summary>
/// A district's sign-in policy: a new district's Issuers need a second factor before they reach issuing; the policy of
/// one district changes nothing in another.
/// </summary>
public sealed class SecondFactorPolicyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Founder = "founder@lakeside.example.org";
    private const string Password = "lakeside founding passphrase";

    private async Task<HttpSession> SignUpAsync(string slug)
    {
        var browser = new HttpSession(fixture.BaseAddress);
        var response = await browser.SubmitAsync("/signup", new Dictionary<string, string>
        {
            ["Input.DistrictName"] = "Lakeside Schools", ["Input.Slug"] = slug, ["Input.IssuerName"] = "Lakeside School District",
            ["Input.Website"] = "", ["Input.ContactEmail"] = "pd@lakeside.example.org",
            ["Input.DisplayName"] = "Lee Founder", ["Input.Email"] = Founder, ["Input.Password"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, body) = await fixture.LatestTo(Founder);
        await browser.PageAsync(Mailbox.LinkIn(body));
        await browser.LogInAsync(Founder, Password);
        return browser;
    }

    [Fact]
    public async Task A_new_districts_issuer_without_a_second_factor_is_sent_to_set_one_up_and_then_reaches_issuing()
    {
        using var founder = await SignUpAsync("lakeside");
        await using (var scope = await fixture.As(Founder, "lakeside"))
        {
            var sender = AppFixture.Get<ISender>(scope);
            Assert.True((await sender.Send(new GetDistrictPolicy())).RequireSecondFactorForIssuers); // on by default for a new district
            var me = (await sender.Send(new ListMembers())).Members.Single();
            await sender.Send(new ChangeMemberRoles(me.MembershipId, DistrictRole.Admin | DistrictRole.Issuer));
        }

        // Issuing is out of reach, by page and by form post alike: both lead to the set-up page, with the way back.
        var refused = await founder.GetAsync("/lakeside/issuing/decisions");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var setUp = refused.Headers.Location!.OriginalString;
        Assert.StartsWith(TwoFactorSteps.Page + "?district=lakeside&role=Issuer&returnUrl=", setUp);
        var posted = await founder.PostAsync("/lakeside/issuing/decisions", new Dictionary<string, string>(), null);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await founder.PageAsync(setUp);
        Assert.Contains("asks Issuers to sign in with a second factor", page.MainText());

        // Whatever page sends it, an Issuer request from a session without a second factor is refused; a job or a
        // session with one goes through.
        await using (var scope = await fixture.As(Founder, "lakeside"))
        {
            AppFixture.Get<CurrentUser>(scope).SignedInWithSecondFactor = false;
            var forbidden = await Assert.ThrowsAsync<ForbiddenException>(async () => await AppFixture.Get<ISender>(scope).Send(new ListBadgeImports()));
            Assert.Contains("second factor", forbidden.Message);
            AppFixture.Get<CurrentUser>(scope).SignedInWithSecondFactor = true;
            Assert.Empty(await AppFixture.Get<ISender>(scope).Send(new ListBadgeImports()));
        }

        // Not a dead end: the district home and the Admin's pages (not guarded by default) still open.
        await founder.PageAsync("/lakeside");
        await founder.PageAsync("/lakeside/admin/members");

        await founder.EnableAuthenticatorAsync();
        var decisions = await founder.PageAsync("/lakeside/issuing/decisions");
        Assert.NotNull(decisions.QuerySelector("h1"));

        // Signing in again with the password alone is not enough; with the code it is.
        using var again = new HttpSession(fixture.BaseAddress);
        Assert.StartsWith("/account/login/second-factor", await again.PasswordStepAsync(Founder, Password));
    }

    [Fact]
    public async Task One_districts_policy_does_not_reach_another_district()
    {
        // Shelbyville's Admin requires a second factor for Admins there.
        using (var shelbyvilleAdmin = new HttpSession(fixture.BaseAddress))
        {
            await shelbyvilleAdmin.LogInAsync("admin@shelbyville.test");
            var form = await shelbyvilleAdmin.PageAsync("/shelbyville/admin/policies");
            var fields = form.QuerySelectorAll<AngleSharp.Html.Dom.IHtmlInputElement>("form input[name^='Input.']")
                .Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked)
                .GroupBy(i => i.Name!).ToDictionary(g => g.Key, g => g.First().Value);
            fields["Input.RequireSecondFactorForAdmins"] = "true";
            var saved = await shelbyvilleAdmin.PostAsync("/shelbyville/admin/policies", fields, HttpSession.TokenOf(form));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            // The Admin who saved it (password only) is now asked for a second factor on the Admin pages there.
            var members = await shelbyvilleAdmin.GetAsync("/shelbyville/admin/members");
            Assert.Equal(HttpStatusCode.Redirect, members.StatusCode);
            Assert.StartsWith(TwoFactorSteps.Page + "?district=shelbyville&role=Admin", members.Headers.Location!.OriginalString);
        }

        // Springfield's Admin and Issuer, with passwords only, act as before; and the new rule lives in Shelbyville's policy only.
        using var springfieldAdmin = new HttpSession(fixture.BaseAddress);
        await springfieldAdmin.LogInAsync("admin@springfield.test");
        await springfieldAdmin.PageAsync("/springfield/admin/members");
        using var springfieldIssuer = new HttpSession(fixture.BaseAddress);
        await springfieldIssuer.LogInAsync("issuer@springfield.test");
        await springfieldIssuer.PageAsync("/springfield/issuing/decisions");
        await using var scope = await fixture.As("admin@springfield.test", "springfield");
        var policy = await AppFixture.Get<ISender>(scope).Send(new GetDistrictPolicy());
        Assert.False(policy.RequireSecondFactorForAdmins);
        Assert.False(policy.RequireSecondFactorForIssuers);
    }
}
