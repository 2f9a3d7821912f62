using System.Net;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Seeding;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Npgsql;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>
/// The Issuer's pages under /{district}/issuing (list, filters, issue form, detail, revoke, keys) over HTTP, and
/// isolation: another district's Issuer gets 404 for our badges, and the app role sees no foreign rows.
/// </summary>
public sealed class IssuerPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_Issuer_issues_by_form_finds_it_in_the_list_and_revokes_it_with_a_reason()
    {
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(IssuingKit.SpringfieldIssuer);
        var credentialId = await fixture.PublishedCredentialAsync(DesignSeed.GoingPublic);

        // A refusal keeps what was typed.
        var refused = await issuer.SubmitAsync("/springfield/issuing/issue", new Dictionary<string, string>
        {
            ["Input.Email"] = "nobody-here@example.org", ["Input.CredentialId"] = credentialId.ToString(), ["Input.Narrative"] = "Typed with care.",
            ["Input.EvidenceUrl"] = "ftp://files.example.org/x",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HttpSession.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains(page.Errors(), e => e.Contains("starting with http:// or https://"));
        Assert.Equal("nobody-here@example.org", page.ValueOf("Input.Email"));
        Assert.Contains("Typed with care.", page.QuerySelector("textarea[name='Input.Narrative']")!.TextContent);

        var issued = await issuer.SubmitAsync("/springfield/issuing/issue", new Dictionary<string, string>
        {
            ["Input.Email"] = "sam.ortiz@springfield.test", ["Input.CredentialId"] = credentialId.ToString(), ["Input.Narrative"] = "Led the PLC.",
        });
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var detailUrl = issued.Headers.Location!.OriginalString;
        var detail = await issuer.PageAsync(detailUrl);
        Assert.Contains("Sam Ortiz", detail.MainText());
        Assert.Equal("Prior learning recognised", detail.QuerySelector("#issued-basis")!.TextContent.Trim()); // issued by hand, not assessed
        Assert.Equal("Valid", detail.QuerySelector("#issuer-badge-status")!.TextContent.Trim());
        var publicUrl = detail.QuerySelector("#public-url")!.TextContent;

        // Twice the same badge to the same teacher is refused.
        var twice = await issuer.SubmitAsync("/springfield/issuing/issue", new Dictionary<string, string>
        {
            ["Input.Email"] = "sam.ortiz@springfield.test", ["Input.CredentialId"] = credentialId.ToString(),
        });
        Assert.Contains((await HttpSession.Parse(await twice.Content.ReadAsStringAsync())).Errors(), e => e.Contains("already holds"));

        var list = await issuer.PageAsync("/springfield/issuing?search=sam.ortiz");
        Assert.Contains(list.QuerySelectorAll("table.issued-badges a"), a => a.GetAttribute("href") == detailUrl);

        // Revoking needs a reason.
        var noReason = await issuer.SubmitAsync(detailUrl, new Dictionary<string, string> { ["Input.Reason"] = "" }, "Revoke");
        Assert.Contains((await HttpSession.Parse(await noReason.Content.ReadAsStringAsync())).Errors(), e => e.Contains("Say why"));
        var revoked = await issuer.SubmitAsync(detailUrl, new Dictionary<string, string> { ["Input.Reason"] = "Awarded to the wrong Sam." }, "Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal("Revoked", (await issuer.PageAsync(detailUrl)).QuerySelector("#issuer-badge-status")!.TextContent.Trim());
        var revokedList = await issuer.PageAsync("/springfield/issuing?status=Revoked&search=sam.ortiz");
        Assert.Contains(revokedList.QuerySelectorAll("table.issued-badges a"), a => a.GetAttribute("href") == detailUrl);
        var validList = await issuer.PageAsync("/springfield/issuing?status=Valid&search=sam.ortiz");
        Assert.DoesNotContain(validList.QuerySelectorAll("table.issued-badges a"), a => a.GetAttribute("href") == detailUrl);

        using var anonymous = fixture.Client();
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.FetchAsync(publicUrl)).Response.StatusCode);

        // The audit trail has both commands.
        await using var scope = await fixture.As("admin@springfield.test", "springfield");
        var db = AppFixture.Get<MicroCred.Application.Data.AppDbContext>(scope);
        Assert.Contains(db.AuditEntries, e => e.Action == nameof(IssueBadge));
        Assert.Contains(db.AuditEntries, e => e.Action == nameof(RevokeBadge));
    }

    [Fact]
    public async Task The_keys_page_rotates_and_keeps_the_old_key_listed()
    {
        await fixture.IssueAsync(DesignSeed.EquitableCulture, email: "taylor.brooks@springfield.test", signed: true);
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(IssuingKit.SpringfieldIssuer);
        var before = (await issuer.PageAsync("/springfield/issuing/keys")).QuerySelectorAll("tbody tr").Length;
        Assert.True(before >= 1);
        Assert.Equal(HttpStatusCode.Redirect, (await issuer.SubmitAsync("/springfield/issuing/keys", new Dictionary<string, string>(), "Rotate")).StatusCode);
        var rows = (await issuer.PageAsync("/springfield/issuing/keys")).QuerySelectorAll("tbody tr");
        Assert.Equal(before + 1, rows.Length);
        Assert.Single(rows, r => r.TextContent.Contains("In use"));
    }

    [Fact]
    public async Task Another_district_s_Issuer_cannot_see_or_revoke_our_badges_and_earners_cannot_reach_issuing()
    {
        var ours = await fixture.IssueAsync(DesignSeed.CollectiveLeadership, email: "riley.chen@springfield.test");

        using var stranger = new HttpSession(fixture.BaseAddress);
        await stranger.LogInAsync(IssuingKit.ShelbyvilleIssuer);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/shelbyville/issuing/badges/{ours}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/springfield/issuing/badges/{ours}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync("/springfield/issuing")).StatusCode);
        var list = await stranger.PageAsync("/shelbyville/issuing");
        Assert.DoesNotContain("riley.chen", list.MainText());
        var token = HttpSession.TokenOf(list);
        var post = await stranger.PostAsync($"/shelbyville/issuing/badges/{ours}?handler=Revoke",
            new Dictionary<string, string> { ["Input.Reason"] = "Not yours to revoke." }, token);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);

        await using (var asB = await fixture.As(IssuingKit.ShelbyvilleIssuer, "shelbyville"))
        {
            var sender = AppFixture.Get<ISender>(asB);
            await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new RevokeBadge(ours, "Nope")).AsTask());
            await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetIssuedBadge(ours)).AsTask());
        }
        await using (var asA = await fixture.As(IssuingKit.SpringfieldIssuer, "springfield"))
            Assert.Null((await AppFixture.Get<ISender>(asA).Send(new GetIssuedBadge(ours))).RevokedAt);

        using var earner = new HttpSession(fixture.BaseAddress);
        await earner.LogInAsync(IssuingKit.Erin);
        Assert.Equal(HttpStatusCode.Forbidden, (await earner.GetAsync("/springfield/issuing")).StatusCode);
        await using (var asErin = await fixture.As(IssuingKit.Erin, "springfield"))
            await Assert.ThrowsAsync<ForbiddenException>(() => AppFixture.Get<ISender>(asErin).Send(new RevokeBadge(ours, "Mine?")).AsTask());
    }

    [Fact]
    public async Task The_app_role_sees_no_other_district_s_assertions_or_keys()
    {
        await fixture.IssueAsync(DesignSeed.VirtualOrganizing, email: "casey.nguyen@springfield.test", signed: true);
        var (springfield, _) = await fixture.District("springfield");
        var (shelbyville, _) = await fixture.District("shelbyville");
        await using var connection = new NpgsqlConnection(TestPostgres.App(fixture.App.Database));
        await connection.OpenAsync();
        async Task<long> Count(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        async Task As(Guid? tenant)
        {
            await using var command = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant}', false)", connection);
            await command.ExecuteNonQueryAsync();
        }
        await As(springfield);
        Assert.True(await Count("SELECT count(*) FROM assertions") > 0);
        Assert.True(await Count("SELECT count(*) FROM issuer_keys") > 0);
        await As(shelbyville);
        Assert.Equal(0, await Count($"SELECT count(*) FROM assertions WHERE tenant_id = '{springfield}'"));
        Assert.Equal(0, await Count($"SELECT count(*) FROM issuer_keys WHERE tenant_id = '{springfield}'"));
        await As(null);
        Assert.Equal(0, await Count("SELECT count(*) FROM assertions"));
        Assert.Equal(0, await Count("SELECT count(*) FROM issuer_keys"));
        // The directory of public ids is global by design: it holds only "district D publishes document X".
        Assert.True(await Count($"SELECT count(*) FROM public_documents WHERE district_id = '{springfield}' AND kind = 'Assertion'") > 0);
    }
}
