using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Features.Issuing;
using MicroCred.IntegrationTests.Accounts;
using MicroCred.IntegrationTests.Issuing;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Tenancy;

/// <summary>A platform with a low daily cap for unverified districts and one operator (a Shelbyville developer).</summary>
public sealed class CappedPlatformFixture : AppFixture
{
    public const int Cap = 3;
    public const string Operator = "developer@shelbyville.test";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Platform:UnverifiedDailyEmails"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Platform:Operators:0"] = Operator,
    };
}

/// <summary>
/// Issuing to people outside a district, as an attacker would try it: a fresh district imports strangers' emails
/// (phishing), a claim link is used by the wrong account or twice, a suspended district tries to issue, a non-operator
/// tries the operator's commands.
/// </summary>
public sealed class OutsideIssuingTests(CappedPlatformFixture fixture) : IClassFixture<CappedPlatformFixture>
{
    private const string Password = "founding passphrase 1";
    private readonly BadgeKit kit = new(fixture);

    /// <summary>Signs a new district up through /signup, confirms the founder and logs them in.</summary>
    private async Task<HttpSession> SignUpAsync(string slug, string founder)
    {
        var browser = new HttpSession(fixture.BaseAddress);
        var response = await browser.SubmitAsync("/signup", new Dictionary<string, string>
        {
            ["Input.DistrictName"] = $"District {slug}", ["Input.Slug"] = slug, ["Input.IssuerName"] = $"Issuer {slug}",
            ["Input.Website"] = "https://example.org", ["Input.ContactEmail"] = founder,
            ["Input.DisplayName"] = "Founder", ["Input.Email"] = founder, ["Input.Password"] = Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await browser.PageAsync(Mailbox.LinkIn((await fixture.LatestTo(founder)).Body));
        await browser.LogInAsync(founder, Password);
        await browser.EnableAuthenticatorAsync(); // a new district's Issuers need a second factor before they issue
        return browser;
    }

    /// <summary>The founder takes every role and publishes a copy of a Springfield credential in their new district.</summary>
    private async Task PublishCopyAsync(string slug, string founder, string credential)
    {
        var (_, versionId, _) = await kit.Published("springfield", credential);
        var content = await kit.Db(db => db.CredentialVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.Content).SingleAsync());
        var (districtId, _) = await fixture.District(slug);
        var founderId = await fixture.UserId(founder);
        await using (var scope = fixture.App.Scope(districtId, slug, founderId, founder, "Founder"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            using var audit = AppFixture.Get<AuditScope>(scope).Begin("TestTakeRoles", null);
            (await db.Memberships.SingleAsync(m => m.UserId == founderId)).ChangeRoles(DistrictRole.Admin | DistrictRole.Developer | DistrictRole.Issuer, otherAdmins: 0);
            await db.SaveChangesAsync();
        }
        await using (var scope = fixture.App.Scope(districtId, slug, founderId, founder, "Founder"))
        {
            var sender = AppFixture.Get<ISender>(scope);
            var id = await sender.Send(new CreateCredential(credential));
            await sender.Send(new SaveCredentialDraft(id, content));
            await sender.Send(new PublishCredential(id));
        }
    }

    private static async Task<(Guid Id, IDocument Page)> PreviewAsync(HttpSession session, string slug, string csv)
    {
        var page = await session.PageAsync($"/{slug}/issuing/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(HttpSession.TokenOf(page)!), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Input.File", "people.csv");
        var response = await session.Client.PostAsync($"/{slug}/issuing/import", form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, HttpSession.Excerpt(await response.Content.ReadAsStringAsync()));
        var location = response.Headers.Location!.OriginalString;
        return (Guid.Parse(location[^36..]), await session.PageAsync(location));
    }

    /// <summary>A row of the import table without its email cell: what the page says about that person.</summary>
    private static string RowWithoutEmail(IDocument page, int line) =>
        string.Join(" | ", page.QuerySelectorAll($"table.import-rows tr[data-line='{line}'] td").Skip(1).Select(td => td.TextContent.Trim()));

    private static string Message(IDocument page, int line) =>
        page.QuerySelector($"table.import-rows tr[data-line='{line}'] td.message")!.TextContent.Trim();

    private async Task<int> UserCount()
    {
        await using var scope = fixture.App.Scope();
        return await AppFixture.Get<AppDbContext>(scope).Users.CountAsync();
    }

    [Fact]
    public async Task A_fresh_district_importing_strangers_creates_no_account_or_membership_sends_at_most_the_cap_and_previews_everyone_alike()
    {
        const string founder = "founder@phishers.example";
        using var attacker = await SignUpAsync("phishers", founder);
        await PublishCopyAsync("phishers", founder, DesignSeed.Discourse);
        var users = await UserCount();
        // Known accounts (in other districts) and unknown addresses, interleaved.
        string[] targets = ["earner@springfield.test", "stranger1@victims.example", "admin@shelbyville.test", "stranger2@victims.example",
            "pat.rivera@springfield.test", "stranger3@victims.example", "stranger4@victims.example"];
        var csv = "email,credential,date,name\n" + string.Concat(targets.Select(t => $"{t},{DesignSeed.Discourse},2024-01-15,Your IT department\n"));

        var (id, preview) = await PreviewAsync(attacker, "phishers", csv);
        var first = RowWithoutEmail(preview, 2);
        Assert.Contains(PreviewBadgeImportHandler.NotAMember, first);
        for (var line = 3; line <= targets.Length + 1; line++) Assert.Equal(first, RowWithoutEmail(preview, line));

        var queue = fixture.App.Services.GetRequiredService<BadgeImportQueue>();
        var worked = queue.WhenWorkedOn(id);
        var page = await attacker.PageAsync($"/phishers/issuing/import/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await attacker.PostAsync($"/phishers/issuing/import/{id}?handler=Start", new Dictionary<string, string>(), HttpSession.TokenOf(page))).StatusCode);
        await worked.WaitAsync(TimeSpan.FromSeconds(60));

        // No account was created, nobody joined, and only the cap's worth of emails went out.
        Assert.Equal(users, await UserCount());
        var (districtId, _) = await fixture.District("phishers");
        await using (var scope = fixture.App.Scope(districtId, "phishers"))
            Assert.Equal([await fixture.UserId(founder)], await AppFixture.Get<AppDbContext>(scope).Memberships.Select(m => m.UserId).ToListAsync());
        var sent = 0;
        foreach (var target in targets) sent += await fixture.CountTo(target);
        Assert.Equal(CappedPlatformFixture.Cap, sent);

        // Each row says what happened; the first ones were emailed, the rest held back by the cap, whoever they are.
        var done = await attacker.PageAsync($"/phishers/issuing/import/{id}");
        for (var line = 2; line <= targets.Length + 1; line++)
            Assert.Contains(line <= CappedPlatformFixture.Cap + 1 ? IssueImportedBadgeHandler.ClaimEmailed : OutsideEmails.CapReachedFor(CappedPlatformFixture.Cap), Message(done, line));

        // The Admin reads why and how many on the district's home.
        var home = await attacker.PageAsync("/phishers");
        var notice = home.QuerySelector("#outside-email-allowance")!.TextContent;
        Assert.Contains($"at most {CappedPlatformFixture.Cap} people outside it a day", notice);
        Assert.Contains($"Today {CappedPlatformFixture.Cap} sent, {targets.Length - CappedPlatformFixture.Cap} not sent", notice);

        // Invitations count against the same cap: refused with the reason, what was typed kept.
        var invite = await attacker.SubmitAsync("/phishers/admin/members", new Dictionary<string, string> { ["Input.Email"] = "stranger9@victims.example", ["Input.Roles"] = "Earner" }, "Invite");
        var refused = await HttpSession.Parse(await invite.Content.ReadAsStringAsync());
        Assert.Contains(refused.Errors(), e => e.Contains("not verified yet"));
        Assert.Equal("stranger9@victims.example", refused.ValueOf("Input.Email"));
        Assert.Equal(0, await fixture.CountTo("stranger9@victims.example"));

        // Once a platform operator verifies the district, the cap is gone (audited in the district's trail).
        var operatorId = await fixture.UserId(CappedPlatformFixture.Operator);
        await using (var scope = fixture.App.Scope(null, null, operatorId, CappedPlatformFixture.Operator, "Operator"))
            await AppFixture.Get<ISender>(scope).Send(new VerifyDistrict(districtId));
        var accepted = await attacker.SubmitAsync("/phishers/admin/members", new Dictionary<string, string> { ["Input.Email"] = "stranger9@victims.example", ["Input.Roles"] = "Earner" }, "Invite");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(1, await fixture.CountTo("stranger9@victims.example"));
        await using (var scope = fixture.App.Scope(districtId, "phishers"))
            Assert.Equal(1, await AppFixture.Get<AppDbContext>(scope).AuditEntries.CountAsync(e => e.Action == nameof(VerifyDistrict)));
    }

    [Fact]
    public async Task A_badge_issued_to_an_outside_email_is_claimed_once_by_the_matching_account_which_does_not_join_the_district()
    {
        const string outsider = "new.colleague@elsewhere.example";
        var credentialId = await fixture.PublishedCredentialAsync(DesignSeed.GoingPublic);
        await using (var scope = await fixture.As(BadgeKit.IssuerOf("springfield"), "springfield"))
            await AppFixture.Get<ISender>(scope).Send(new IssueBadge(outsider, credentialId, "Recognised from the state academy.", null, false));
        var badge = Assert.Single(await kit.IssuedTo(outsider, "springfield"));
        Assert.Null(badge.RecipientId);
        var (subject, body) = await fixture.LatestTo(outsider);
        Assert.Contains(DesignSeed.GoingPublic, subject);
        var link = Mailbox.LinkIn(body);
        Assert.StartsWith("/springfield/claim?token=", link);
        Assert.DoesNotContain(link[(link.IndexOf('=') + 1)..], await kit.Db(db => db.BadgeClaims.Select(c => c.TokenHash).SingleAsync())); // only the hash is kept

        // Signed out, the link offers to log in or register and come back.
        using var visitor = new HttpSession(fixture.BaseAddress);
        var page = await visitor.PageAsync(link);
        Assert.Contains(DesignSeed.GoingPublic, page.MainText());
        Assert.NotNull(page.QuerySelector("a[href^='/account/register?returnUrl=']"));

        // Another district sees no claim, not even through its own address for the link.
        Assert.Equal(0, await kit.Db(db => db.BadgeClaims.CountAsync(), "shelbyville"));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(link.Replace("/springfield/", "/shelbyville/", StringComparison.Ordinal))).StatusCode);

        // Someone else's account cannot take it.
        using var other = new HttpSession(fixture.BaseAddress);
        await other.LogInAsync("earner@shelbyville.test");
        var token = Uri.UnescapeDataString(link[(link.IndexOf('=') + 1)..]);
        var wrong = await other.SubmitAsync(link, new Dictionary<string, string> { ["Token"] = token });
        Assert.Contains((await HttpSession.Parse(await wrong.Content.ReadAsStringAsync())).Errors(), e => e.Contains("issued to another email address"));

        // The person registers with that address (the link survives confirmation), then claims it.
        using var person = new HttpSession(fixture.BaseAddress);
        var registerPage = await person.PageAsync(page.QuerySelector("a[href^='/account/register?returnUrl=']")!.GetAttribute("href")!);
        var registered = await person.SubmitAsync(page.QuerySelector("a[href^='/account/register?returnUrl=']")!.GetAttribute("href")!, new Dictionary<string, string>
        {
            ["Input.Email"] = outsider, ["Input.DisplayName"] = "New Colleague", ["Input.Password"] = Password,
            ["returnUrl"] = registerPage.QuerySelector("input[name=returnUrl]")!.GetAttribute("value")!,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var confirm = Mailbox.LinkIn((await fixture.LatestTo(outsider)).Body);
        Assert.Contains(Uri.EscapeDataString("/springfield/claim?token="), confirm);
        await person.PageAsync(confirm);
        await person.LogInAsync(outsider, Password);
        var claimed = await person.SubmitAsync(link, new Dictionary<string, string> { ["Token"] = token });
        Assert.Equal(HttpStatusCode.Redirect, claimed.StatusCode);
        Assert.Equal("/backpack", claimed.Headers.Location!.OriginalString);
        Assert.Contains(DesignSeed.GoingPublic, (await person.PageAsync("/backpack")).MainText());

        // Not a member of Springfield; the link is spent.
        var personId = await fixture.UserId(outsider);
        Assert.False(await kit.Db(db => db.Memberships.AnyAsync(m => m.UserId == personId)));
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/springfield/evidence")).StatusCode);
        var spent = await person.PageAsync(link);
        Assert.Contains("already been claimed", spent.MainText());
        Assert.Empty(spent.QuerySelectorAll("main form"));
        var again = await person.PostAsync(link, new Dictionary<string, string> { ["Token"] = token }, HttpSession.TokenOf(spent));
        Assert.Contains((await HttpSession.Parse(await again.Content.ReadAsStringAsync())).Errors(), e => e.Contains("already been used"));
        Assert.Equal(1, await kit.AuditCount(nameof(ClaimBadge), "springfield"));
    }

    [Fact]
    public async Task An_operator_suspends_a_district_whose_issuer_then_cannot_issue_while_its_badges_keep_verifying_and_nobody_else_may_do_it()
    {
        var badge = await kit.Issue("sam.ortiz@springfield.test", "springfield", DesignSeed.Discourse);
        var (springfieldId, _) = await fixture.District("springfield");

        // Non-operators: no console, no operator commands.
        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/operator")).StatusCode);
        await using (var scope = await fixture.As("admin@springfield.test", "springfield"))
        {
            var sender = AppFixture.Get<ISender>(scope);
            await Assert.ThrowsAsync<ForbiddenException>(() => sender.Send(new SuspendDistrict(springfieldId, "Mine now.")).AsTask());
            await Assert.ThrowsAsync<ForbiddenException>(() => sender.Send(new VerifyDistrict(springfieldId)).AsTask());
        }
        using var anonymous = new HttpSession(fixture.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/operator")).StatusCode);

        // The operator sees the list, nothing inside a district they are not a member of.
        using var op = new HttpSession(fixture.BaseAddress);
        await op.LogInAsync(CappedPlatformFixture.Operator);
        var console = await op.PageAsync("/operator");
        var card = console.QuerySelector("#district-springfield")!.ParentElement!;
        Assert.Contains("Verified", card.TextContent);
        Assert.Contains("Members", card.TextContent);
        foreach (var path in new[] { "/springfield/admin/members", "/springfield/issuing", "/springfield/admin/audit" })
            Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync(path)).StatusCode);

        // A suspension needs a reason; a refused form keeps the district it was for.
        var noReason = await op.SubmitAsync("/operator", new Dictionary<string, string> { ["Input.DistrictId"] = springfieldId.ToString(), ["Input.Reason"] = "" }, "Suspend");
        Assert.Contains((await HttpSession.Parse(await noReason.Content.ReadAsStringAsync())).Errors(), e => e.Contains("Say why"));
        var suspended = await op.SubmitAsync("/operator", new Dictionary<string, string> { ["Input.DistrictId"] = springfieldId.ToString(), ["Input.Reason"] = "Phishing reports." }, "Suspend");
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);

        // The Issuer can neither open issuing nor issue; the page says why.
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync("issuer@springfield.test");
        var refused = await issuer.GetAsync("/springfield/issuing/issue");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("is suspended", await refused.Content.ReadAsStringAsync());
        var credentialId = await fixture.PublishedCredentialAsync(DesignSeed.GoingPublic);
        await using (var scope = await fixture.As("issuer@springfield.test", "springfield"))
            await Assert.ThrowsAsync<ForbiddenException>(() => AppFixture.Get<ISender>(scope).Send(new IssueBadge("casey.nguyen@springfield.test", credentialId, null, null, false)).AsTask());

        // Its badge still verifies.
        using var verifier = fixture.Client();
        Assert.Equal(HttpStatusCode.OK, (await verifier.FetchAsync($"/public/assertions/{badge}")).Response.StatusCode);

        // Audited in the district's own trail, with the reason; lifting it restores the Issuer.
        Assert.Equal(1, await kit.AuditCount(nameof(SuspendDistrict), "springfield"));
        await using (var scope = fixture.App.Scope(springfieldId, "springfield"))
            Assert.Contains("Phishing reports.", await AppFixture.Get<AppDbContext>(scope).AuditEntries.Where(e => e.Action == nameof(SuspendDistrict)).Select(e => e.Details).SingleAsync());
        var lifted = await op.SubmitAsync("/operator", new Dictionary<string, string> { ["districtId"] = springfieldId.ToString() }, "Unsuspend");
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await issuer.GetAsync("/springfield/issuing/issue")).StatusCode);
    }
}
