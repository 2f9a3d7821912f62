using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Mediator;
using MicroCred.Application.Features.Public;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.OpenBadges.Verification;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Public;

/// <summary>
/// The public verifier end to end: the app (allowed onto loopback for this class only) verifies badges that
/// a local issuer serves, through the VerifyBadges query and through the /verify page.
/// </summary>
public sealed class VerifierTests(VerifierAppFixture fixture, BadgeIssuerServer issuer)
    : IClassFixture<VerifierAppFixture>, IClassFixture<BadgeIssuerServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IReadOnlyList<VerifiedBadge>> QueryAsync(string? text, string? email = null, params BadgeFile[] files)
    {
        await using var scope = fixture.App.Scope(); // nobody signed in
        return await AppFixture.Get<ISender>(scope).Send(new VerifyBadges(text, files, email), Ct);
    }

    private async Task<VerifiedBadge> OneAsync(string? text, string? email = null, params BadgeFile[] files) =>
        Assert.Single(await QueryAsync(text, email, files));

    [Fact]
    public async Task A_valid_hosted_badge_is_valid_with_every_check_passed_and_its_image_fetched()
    {
        var badge = await OneAsync(issuer.ValidUrl);

        Assert.Equal(BadgeVerdict.Valid, badge.Verdict);
        Assert.DoesNotContain(badge.Checks, c => c.Outcome == CheckOutcome.Failed);
        foreach (var name in new[]
        {
            CheckNames.AssertionFetched, CheckNames.AssertionContext, CheckNames.AssertionType, CheckNames.AssertionId,
            CheckNames.BadgeClassFetched, CheckNames.BadgeClassContext, CheckNames.IssuerFetched, CheckNames.IssuerId,
            CheckNames.VerificationScope, CheckNames.Revocation, CheckNames.IssuedOn, CheckNames.Expiry,
        })
        {
            badge.Outcome(name, CheckOutcome.Passed);
        }
        badge.Outcome(CheckNames.Recipient, CheckOutcome.Skipped);
        Assert.Equal(BadgeSourceKind.Url, badge.SourceKind);
        Assert.Equal(VerificationMethod.Hosted, badge.Method);
        Assert.Equal("Formative Assessment", badge.BadgeName);
        Assert.Equal("Capital City Teacher Academy", badge.IssuerName);
        Assert.Equal(issuer.ValidUrl, badge.AssertionId);
        Assert.NotNull(badge.Image);
        Assert.Equal("image/png", badge.Image.ContentType);
        Assert.Equal(BadgeIssuerServer.Png, badge.Image.Content);
    }

    [Fact]
    public async Task A_hosted_badge_answering_410_is_revoked_with_the_issuer_s_reason()
    {
        var badge = await OneAsync(issuer.RevokedUrl);

        Assert.Equal(BadgeVerdict.Revoked, badge.Verdict);
        Assert.Equal(BadgeIssuerServer.RevocationReason, badge.RevocationReason);
        Assert.Contains("HTTP 410 Gone", badge.Outcome(CheckNames.Revocation, CheckOutcome.Failed).Message);
        badge.Outcome(CheckNames.AssertionFetched, CheckOutcome.Passed);
    }

    [Fact]
    public async Task An_expired_badge_is_expired_and_says_when()
    {
        var badge = await OneAsync(issuer.ExpiredUrl);

        Assert.Equal(BadgeVerdict.Expired, badge.Verdict);
        Assert.Contains("expired on", badge.Outcome(CheckNames.Expiry, CheckOutcome.Failed).Message);
        Assert.Equal(issuer.Now.AddDays(-35).ToUnixTimeSeconds(), badge.Expires?.ToUnixTimeSeconds());
        badge.Outcome(CheckNames.Revocation, CheckOutcome.Passed);
        badge.Outcome(CheckNames.VerificationScope, CheckOutcome.Passed);
    }

    [Fact]
    public async Task A_badge_whose_id_is_not_the_url_it_is_served_at_is_invalid()
    {
        var badge = await OneAsync(issuer.MisplacedUrl);

        Assert.Equal(BadgeVerdict.Invalid, badge.Verdict);
        Assert.Contains(issuer.ElsewhereUrl, badge.Outcome(CheckNames.AssertionId, CheckOutcome.Failed).Message);
        badge.Outcome(CheckNames.AssertionInputUrl, CheckOutcome.Warning);
        Assert.Null(badge.Image); // an invalid badge does not get to show a badge picture
    }

    [Fact]
    public async Task A_valid_signed_badge_verifies_against_the_key_its_issuer_lists()
    {
        var badge = await OneAsync(issuer.ValidJws, BadgeIssuerServer.Email);

        Assert.Equal(BadgeVerdict.Valid, badge.Verdict);
        Assert.Equal(BadgeSourceKind.Jws, badge.SourceKind);
        Assert.Equal(VerificationMethod.Signed, badge.Method);
        badge.Outcome(CheckNames.KeyListed, CheckOutcome.Passed);
        badge.Outcome(CheckNames.KeyOwner, CheckOutcome.Passed);
        badge.Outcome(CheckNames.Signature, CheckOutcome.Passed);
        badge.Outcome(CheckNames.RevocationListFetched, CheckOutcome.Passed);
        badge.Outcome(CheckNames.Revocation, CheckOutcome.Passed);
        badge.Outcome(CheckNames.Recipient, CheckOutcome.Passed);
        Assert.True(badge.RecipientMatches);
    }

    [Fact]
    public async Task A_tampered_signed_badge_fails_its_signature()
    {
        var badge = await OneAsync(issuer.TamperedJws);

        Assert.Equal(BadgeVerdict.Invalid, badge.Verdict);
        Assert.Contains("does not verify", badge.Outcome(CheckNames.Signature, CheckOutcome.Failed).Message);
        badge.Outcome(CheckNames.KeyListed, CheckOutcome.Passed);
    }

    [Fact]
    public async Task A_signed_badge_on_its_issuer_s_revocation_list_is_revoked()
    {
        var badge = await OneAsync(issuer.RevokedJws);

        Assert.Equal(BadgeVerdict.Revoked, badge.Verdict);
        Assert.Equal(BadgeIssuerServer.SignedRevocationReason, badge.RevocationReason);
        badge.Outcome(CheckNames.Signature, CheckOutcome.Passed);
        Assert.Contains("revocation list", badge.Outcome(CheckNames.Revocation, CheckOutcome.Failed).Message);
    }

    [Fact]
    public async Task Baked_png_and_svg_images_verify_and_a_tampered_png_does_not()
    {
        var results = await QueryAsync(null, null,
            new BadgeFile("hosted.png", issuer.BakedPng),
            new BadgeFile("hosted.svg", issuer.BakedSvg),
            new BadgeFile("signed.png", issuer.SignedPng),
            new BadgeFile("C:\\Users\\pat\\tampered.png", issuer.TamperedPng));

        Assert.Equal([BadgeVerdict.Valid, BadgeVerdict.Valid, BadgeVerdict.Valid, BadgeVerdict.Invalid], results.Select(r => r.Verdict));
        Assert.Equal(["hosted.png", "hosted.svg", "signed.png", "tampered.png"], results.Select(r => r.Source));
        Assert.All(results, r => Assert.Equal(BadgeSourceKind.File, r.SourceKind));
        results[0].Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Passed);
        results[1].Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Passed);
        results[2].Outcome(CheckNames.Signature, CheckOutcome.Passed);
        var tampered = results[3];
        tampered.Outcome(CheckNames.BakedImage, CheckOutcome.Passed);
        Assert.Contains("recipient", tampered.Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Failed).Message);
    }

    [Fact]
    public async Task Another_issuer_s_badge_from_the_1EdTech_fixtures_verifies_and_matches_its_recipient()
    {
        var badge = await OneAsync(issuer.FixtureAssertionUrl, BadgeIssuerServer.FixtureEmail);

        Assert.Equal(BadgeVerdict.Valid, badge.Verdict);
        Assert.Equal("Awesome Robotics Badge", badge.BadgeName);
        Assert.Equal("An Example Badge Issuer", badge.IssuerName);
        badge.Outcome(CheckNames.VerificationScope, CheckOutcome.Passed);
        badge.Outcome(CheckNames.Recipient, CheckOutcome.Passed);
        Assert.True(badge.RecipientMatches);
        Assert.NotNull(badge.Image);
    }

    [Fact]
    public async Task The_recipient_check_reports_a_mismatch_without_changing_the_verdict()
    {
        var badge = await OneAsync(issuer.ValidUrl, "someone.else@example.test");

        Assert.Equal(BadgeVerdict.Valid, badge.Verdict);
        Assert.False(badge.RecipientMatches);
        Assert.Contains("was not awarded to someone.else@example.test", badge.Outcome(CheckNames.Recipient, CheckOutcome.Failed).Message);
    }

    [Fact]
    public async Task The_page_verifies_urls_signed_badges_and_uploaded_images_in_one_go_and_keeps_the_input()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var text = string.Join("\n", issuer.ValidUrl, issuer.RevokedUrl, issuer.ExpiredUrl, issuer.MisplacedUrl, issuer.ValidJws, issuer.TamperedJws, issuer.FixtureAssertionUrl);

        var page = await VerifyPage.PostAsync(http, text, BadgeIssuerServer.Email,
            ("badge.png", issuer.BakedPng, "image/png"), ("tampered.png", issuer.TamperedPng, "image/png"));

        var cards = VerifyPage.Cards(page);
        Assert.Equal(["valid", "revoked", "expired", "invalid", "valid", "invalid", "valid", "valid", "invalid"], cards.Select(c => c.Verdict));
        Assert.Equal("passed", cards[0].Outcome(CheckNames.VerificationScope));
        Assert.Equal("passed", cards[0].Outcome(CheckNames.Recipient));
        Assert.StartsWith("data:image/png;base64,", cards[0].Element.QuerySelector("img.badge-image")?.GetAttribute("src"));
        Assert.Contains("Valid", cards[0].Element.QuerySelector(".verdict")!.TextContent);
        Assert.Equal("failed", cards[1].Outcome(CheckNames.Revocation));
        Assert.Contains(BadgeIssuerServer.RevocationReason, cards[1].Element.QuerySelector(".revocation-reason")!.TextContent);
        Assert.Contains("Revoked", cards[1].Element.QuerySelector(".verdict")!.TextContent);
        Assert.Equal("failed", cards[2].Outcome(CheckNames.Expiry));
        Assert.Contains("Expired", cards[2].Element.QuerySelector(".verdict")!.TextContent);
        Assert.Equal("failed", cards[3].Outcome(CheckNames.AssertionId));
        Assert.Contains("Invalid", cards[3].Element.QuerySelector(".verdict")!.TextContent);
        Assert.Equal("passed", cards[4].Outcome(CheckNames.Signature));
        Assert.Equal("failed", cards[5].Outcome(CheckNames.Signature));
        Assert.Equal("Awesome Robotics Badge", cards[6].Title);
        Assert.Equal("failed", cards[6].Outcome(CheckNames.Recipient)); // the fixture badge was awarded to someone else
        Assert.Equal("passed", cards[7].Outcome(CheckNames.BakedMatchesHosted));
        Assert.Equal("failed", cards[8].Outcome(CheckNames.BakedMatchesHosted));

        // Nothing typed is lost.
        Assert.Equal(text, page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Text']")!.Value.Replace("\r\n", "\n"));
        Assert.Equal(BadgeIssuerServer.Email, page.ValueOf("Input.RecipientEmail"));
    }

    [Fact]
    public async Task A_verify_link_with_url_verifies_at_once_on_get()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var page = await http.PageAsync($"/verify?url={Uri.EscapeDataString(issuer.ValidUrl)}&url={Uri.EscapeDataString(issuer.RevokedUrl)}");

        Assert.Equal(["valid", "revoked"], VerifyPage.Cards(page).Select(c => c.Verdict));
        Assert.Equal($"{issuer.ValidUrl}\n{issuer.RevokedUrl}", page.QuerySelector<IHtmlTextAreaElement>("textarea")!.Value.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task Tools_get_json_when_they_ask_for_it_by_q_value_and_browsers_get_html()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var url = $"/verify?url={Uri.EscapeDataString(issuer.ExpiredUrl)}&email={Uri.EscapeDataString(BadgeIssuerServer.Email)}";

        using var json = new HttpRequestMessage(HttpMethod.Get, url);
        json.Headers.Accept.ParseAdd("application/json");
        var response = await http.Client.SendAsync(json, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var result = Assert.Single(document.RootElement.GetProperty("results").EnumerateArray().ToList());
        Assert.Equal("expired", result.GetProperty("verdict").GetString());
        Assert.Equal("hosted", result.GetProperty("method").GetString());
        Assert.Equal("Formative Assessment", result.GetProperty("badge").GetProperty("name").GetString());
        Assert.True(result.GetProperty("recipientMatches").GetBoolean());
        Assert.EndsWith("Z", result.GetProperty("expires").GetString());
        var expiry = result.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == CheckNames.Expiry);
        Assert.Equal("failed", expiry.GetProperty("outcome").GetString());

        using var browser = new HttpRequestMessage(HttpMethod.Get, url);
        browser.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        var html = await http.Client.SendAsync(browser, Ct);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);

        using var preferring = new HttpRequestMessage(HttpMethod.Get, url);
        preferring.Headers.TryAddWithoutValidation("Accept", "text/html;q=0.5, application/json");
        Assert.Equal("application/json", (await http.Client.SendAsync(preferring, Ct)).Content.Headers.ContentType?.MediaType);

        // The same negotiator as the badge documents, with HTML as this page's default: curl's */* and anything it cannot
        // offer get the page; a JSON-LD client gets JSON.
        foreach (var (accept, expected) in new[] { ("*/*", "text/html"), ("application/ld+json", "application/json"), ("application/json;q=0.5, */*", "text/html"), ("image/png", "text/html") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept", accept);
            var answer = await http.Client.SendAsync(request, Ct);
            Assert.True(expected == answer.Content.Headers.ContentType?.MediaType, $"Accept {accept}: {(int)answer.StatusCode} {answer.Content.Headers.ContentType}");
        }

        using var none = new HttpRequestMessage(HttpMethod.Get, "/verify");
        none.Headers.Accept.ParseAdd("application/json");
        var missing = await http.Client.SendAsync(none, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("?url=", await missing.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_posted_form_answers_json_too_when_asked_including_refusals()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var form = await http.PageAsync("/verify");

        async Task<JsonDocument> PostAsync(string text, string email, HttpStatusCode expected)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/verify")
            {
                Content = new MultipartFormDataContent
                {
                    { new StringContent(HttpSession.TokenOf(form)!), "__RequestVerificationToken" },
                    { new StringContent(text), "Input.Text" },
                    { new StringContent(email), "Input.RecipientEmail" },
                    { new ByteArrayContent(issuer.SignedPng), "Input.Files", "signed.png" },
                },
            };
            request.Headers.Accept.ParseAdd("application/json");
            var response = await http.Client.SendAsync(request, Ct);
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        }

        using var verified = await PostAsync(issuer.TamperedJws, "", HttpStatusCode.OK);
        var results = verified.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["invalid", "valid"], results.Select(r => r.GetProperty("verdict").GetString()));
        Assert.Equal(["jws", "file"], results.Select(r => r.GetProperty("sourceKind").GetString()));

        using var refused = await PostAsync(issuer.ValidUrl, "not-an-email", HttpStatusCode.BadRequest);
        var error = Assert.Single(refused.RootElement.GetProperty("errors").EnumerateArray().ToList());
        Assert.Equal("recipientEmail", error.GetProperty("field").GetString());
    }
}

/// <summary>Posting the /verify form (multipart, with its antiforgery token) and reading its result cards.</summary>
internal static class VerifyPage
{
    public sealed record Card(IElement Element)
    {
        public string Verdict => Element.GetAttribute("data-verdict") ?? "";
        public string Title => Element.QuerySelector("h3")?.TextContent.Trim() ?? "";
        public string? Outcome(string check) => Element.QuerySelector($"tr[data-check='{check}']")?.GetAttribute("data-outcome");
    }

    public static IReadOnlyList<Card> Cards(IDocument page) =>
        page.QuerySelectorAll("article.verify-result").Select(e => new Card(e)).ToList();

    public static async Task<IDocument> PostAsync(HttpSession http, string text, string? email = null, params (string Name, byte[] Content, string ContentType)[] files)
    {
        var response = await SendAsync(http, text, email, files);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /verify: {(int)response.StatusCode}. {HttpSession.Excerpt(html)}");
        return await HttpSession.Parse(html);
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpSession http, string text, string? email, (string Name, byte[] Content, string ContentType)[] files)
    {
        var form = await http.PageAsync("/verify");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(HttpSession.TokenOf(form)!), "__RequestVerificationToken" },
            { new StringContent(text), "Input.Text" },
            { new StringContent(email ?? ""), "Input.RecipientEmail" },
        };
        foreach (var (name, bytes, type) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(file, "Input.Files", name);
        }
        return await http.Client.PostAsync("/verify", content);
    }
}

internal static class VerifiedBadgeAssertions
{
    public static VerificationCheck Outcome(this VerifiedBadge badge, string name, CheckOutcome expected)
    {
        var check = badge.Checks.FirstOrDefault(c => c.Name == name);
        Assert.True(check is not null, $"No '{name}' check.\n{Describe(badge)}");
        Assert.True(check.Outcome == expected, $"'{name}' was {check.Outcome}, expected {expected}: {check.Message}\n{Describe(badge)}");
        return check;
    }

    public static string Describe(VerifiedBadge badge) =>
        $"{badge.Source}: {badge.Verdict}\n" + string.Join("\n", badge.Checks.Select(c => $"  {c.Outcome,-8} {c.Name}: {c.Message}"));
}
