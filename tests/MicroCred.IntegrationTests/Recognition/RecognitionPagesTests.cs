using System.Net;
using MicroCred.Application.Features.Recognition;
using MicroCred.Domain.Recognition;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Recognition;

/// <summary>The recognition pages over HTTP: refusals come back as messages on the form with the input kept.</summary>
public sealed class RecognitionPagesTests(VerifierAppFixture fixture, BadgeIssuerServer issuer)
    : IClassFixture<VerifierAppFixture>, IClassFixture<BadgeIssuerServer>
{
    private readonly RecognitionKit kit = new(fixture);

    [Fact]
    public async Task A_rule_with_negative_units_is_refused_on_the_form_with_what_was_typed_kept()
    {
        await kit.CreditType("Form check", "hours");
        using var recognizer = new HttpSession(fixture.BaseAddress);
        await recognizer.LogInAsync(RecognitionKit.Recognizer);
        var page = await recognizer.PageAsync("/springfield/recognition/rules?source=external");
        var type = page.QuerySelectorAll("select[name='Input.CreditTypeId'] option").Single(o => o.TextContent.Contains("Form check")).GetAttribute("value")!;

        var response = await recognizer.SubmitAsync("/springfield/recognition/rules?source=external", new Dictionary<string, string>
        {
            ["Input.Source"] = "external", ["Input.BadgeClassUrl"] = issuer.BadgeClassUrl, ["Input.DisplayName"] = "Negative badge",
            ["Input.Units"] = "-4", ["Input.CreditTypeId"] = type,
        }, "Add");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Units must be more than 0 (for example 3 or 1.5).", refused.Errors());
        Assert.Equal("-4", refused.ValueOf("Input.Units"));
        Assert.Equal(issuer.BadgeClassUrl, refused.ValueOf("Input.BadgeClassUrl"));
        Assert.Equal("Negative badge", refused.ValueOf("Input.DisplayName"));
        Assert.Equal(0, await kit.Db("springfield", db => db.RecognitionRules.CountAsync(r => r.DisplayName == "Negative badge")));

        var added = await recognizer.SubmitAsync("/springfield/recognition/rules?source=external", new Dictionary<string, string>
        {
            ["Input.Source"] = "external", ["Input.BadgeClassUrl"] = issuer.BadgeClassUrl, ["Input.DisplayName"] = "Positive badge",
            ["Input.Units"] = "2.5", ["Input.CreditTypeId"] = type,
        }, "Add");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Contains("Positive badge", (await recognizer.PageAsync("/springfield/recognition/rules")).QuerySelector("table.rules")!.TextContent);
    }

    [Fact]
    public async Task A_revoked_badge_is_refused_on_the_request_page_with_its_report_and_the_url_kept()
    {
        await kit.CreditType("Page check", "hours");
        using var teacher = new HttpSession(fixture.BaseAddress);
        await teacher.LogInAsync("taylor.brooks@springfield.test");
        var transcript = await teacher.PageAsync("/account/transcript");
        Assert.NotNull(transcript.QuerySelector("ul.recognizers a[href='/springfield/request-credit']"));

        var response = await teacher.SubmitAsync("/springfield/request-credit", new Dictionary<string, string> { ["Input.Badge"] = issuer.RevokedUrl });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(page.Errors(), e => e.StartsWith("This badge was revoked by its issuer, so it cannot earn credit", StringComparison.Ordinal));
        Assert.Equal(issuer.RevokedUrl, page.QuerySelector("textarea[name='Input.Badge']")!.TextContent.Trim());
        var report = page.QuerySelector("article.badge-report")!;
        Assert.Equal("revoked", report.GetAttribute("data-verdict"));
        Assert.Equal("failed", report.QuerySelector("tr[data-check='revocation']")!.GetAttribute("data-outcome"));
        Assert.Contains(BadgeIssuerServer.RevocationReason, report.TextContent);

        var empty = await HttpSession.Parse(await (await teacher.SubmitAsync("/springfield/request-credit", new Dictionary<string, string> { ["Input.Badge"] = "" })).Content.ReadAsStringAsync());
        Assert.Contains("Paste your badge's URL or signed badge, or choose a baked badge image.", empty.Errors());

        var sent = await teacher.SubmitAsync("/springfield/request-credit", new Dictionary<string, string> { ["Input.Badge"] = issuer.ValidUrl, ["Input.Note"] = "Please." });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/account/transcript", sent.Headers.Location!.OriginalString);
        var open = (await teacher.PageAsync("/account/transcript")).QuerySelector("table.open-requests")!.TextContent;
        Assert.Contains("Formative Assessment", open);
        Assert.Contains("Pending", open);
    }

    [Fact]
    public async Task The_recognizer_approves_on_the_request_page_with_the_rules_credit_offered()
    {
        var pd = await kit.CreditType("Approve page", "PD hours");
        var mine = await kit.ExternalRule(pd, issuer.BadgeClassUrl, 7, "Formative (page)");
        // Other tests of this class add rules for the same badge class: only this one may match here.
        await kit.AsRecognizer(async s =>
        {
            await using var scope = await fixture.As(RecognitionKit.Recognizer, "springfield");
            var others = await AppFixture.Get<MicroCred.Application.Data.AppDbContext>(scope).RecognitionRules.Where(r => r.Id != mine && r.IsActive).Select(r => r.Id).ToListAsync();
            foreach (var other in others) await s.Send(new SetRuleActive(other, false));
            return others.Count;
        });
        var requestId = await kit.AsTeacher(s => s.Send(new RequestCredit(issuer.ValidUrl)).AsTask(), "sam.ortiz@springfield.test");

        using var recognizer = new HttpSession(fixture.BaseAddress);
        await recognizer.LogInAsync(RecognitionKit.Recognizer);
        var inbox = await recognizer.PageAsync("/springfield/recognition");
        Assert.NotNull(inbox.QuerySelector($"table.pending a[href='/springfield/recognition/requests/{requestId}']"));
        var page = await recognizer.PageAsync($"/springfield/recognition/requests/{requestId}");
        Assert.Contains("Formative (page)", page.QuerySelector("ul.matches")!.TextContent);
        Assert.Equal("7", page.ValueOf("Input.Units")!.TrimEnd('0').TrimEnd('.'));
        Assert.NotNull(page.QuerySelector("article.badge-report[data-verdict='valid']"));

        var bad = await recognizer.SubmitAsync($"/springfield/recognition/requests/{requestId}", new Dictionary<string, string> { ["Input.Units"] = "-7", ["Input.CreditTypeId"] = pd.ToString() }, "Approve");
        var refused = await HttpSession.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Units must be more than 0 (for example 3 or 1.5).", refused.Errors());
        Assert.Equal("-7", refused.ValueOf("Input.Units"));

        var ok = await recognizer.SubmitAsync($"/springfield/recognition/requests/{requestId}", new Dictionary<string, string> { ["Input.Units"] = "7", ["Input.CreditTypeId"] = pd.ToString() }, "Approve");
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var view = await kit.AsRecognizer(s => s.Send(new GetCreditRequest(requestId)).AsTask());
        Assert.Equal((CreditRequestStatus.Approved, 7m, "PD hours"), (view.Status, view.Units, view.CreditUnit));
    }
}
