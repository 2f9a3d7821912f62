using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.OpenBadges.Verification;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Public;

/// <summary>The verifier as deployed: anonymous, refusing loopback and private networks, with clear limits.</summary>
public sealed class VerifierDefaultsTests(AppFixture fixture, BadgeIssuerServer issuer) : IClassFixture<AppFixture>, IClassFixture<BadgeIssuerServer>
{
    [Fact]
    public async Task Anyone_can_open_the_verifier_from_the_header_without_logging_in()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var home = await http.PageAsync("/");
        Assert.NotNull(home.QuerySelector(".site-header a[href='/verify']"));

        var page = await http.PageAsync("/verify");
        Assert.Equal("Verify an Open Badge", page.QuerySelector("h1")?.TextContent);
        var form = page.QuerySelector<IHtmlFormElement>("form[method='post']")!;
        Assert.Equal("multipart/form-data", form.Enctype);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.NotNull(form.QuerySelector("input[type=file][name='Input.Files'][multiple]"));
        Assert.Empty(VerifyPage.Cards(page));
    }

    [Fact]
    public async Task By_default_a_badge_on_a_loopback_server_is_not_fetched_and_the_report_says_why()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var before = issuer.Requests.Count;

        var page = await VerifyPage.PostAsync(http, issuer.ValidUrl);

        var card = Assert.Single(VerifyPage.Cards(page));
        Assert.Equal("invalid", card.Verdict);
        Assert.Equal("failed", card.Outcome(CheckNames.AssertionFetched));
        Assert.Contains("the address resolves to the server's own loopback network (127.0.0.1), which the verifier does not reach",
            card.Element.QuerySelector($"tr[data-check='{CheckNames.AssertionFetched}'] .check-message")!.TextContent);
        Assert.Equal(before, issuer.Requests.Count);
    }

    [Fact]
    public async Task An_empty_form_too_many_badges_or_a_malformed_email_are_refused_with_the_input_kept()
    {
        using var http = new HttpSession(fixture.BaseAddress);

        var empty = await VerifyPage.PostAsync(http, "  \n ");
        Assert.Contains("Paste a badge URL or a signed badge, or choose a baked badge image.", empty.Errors());

        var lines = string.Join("\n", Enumerable.Range(1, 21).Select(i => $"https://badges.example.org/assertions/{i}"));
        var tooMany = await VerifyPage.PostAsync(http, lines, "not an email");
        Assert.Contains("Verify at most 20 badges at a time; you gave 21.", tooMany.Errors());
        Assert.Contains("Enter the email address as name@example.org, or leave it empty.", tooMany.Errors());
        Assert.Equal(lines, tooMany.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Text']")!.Value.Replace("\r\n", "\n"));
        Assert.Equal("not an email", tooMany.ValueOf("Input.RecipientEmail"));
        Assert.Equal("true", tooMany.QuerySelector("textarea[name='Input.Text']")!.GetAttribute("aria-invalid"));
        Assert.Empty(VerifyPage.Cards(tooMany));
    }

    [Fact]
    public async Task Files_are_judged_by_content_and_size_each_with_its_own_report()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var oversized = new byte[5 * 1024 * 1024 + 1];
        BadgeIssuerServer.Png.CopyTo(oversized, 0);

        var page = await VerifyPage.PostAsync(http, "", null,
            ("photo.png", "GIF89a not really a png"u8.ToArray(), "image/png"),
            ("big.png", oversized, "image/png"),
            ("plain.png", BadgeIssuerServer.Png, "image/png"));

        var cards = VerifyPage.Cards(page);
        Assert.Equal(["invalid", "invalid", "invalid"], cards.Select(c => c.Verdict));
        Assert.Contains("not a PNG or SVG image", cards[0].Element.TextContent);
        Assert.Equal("failed", cards[1].Outcome(CheckNames.Input));
        Assert.Contains("big.png is larger than 5 MB", cards[1].Element.TextContent);
        Assert.Contains("carries no Open Badges data", cards[2].Element.TextContent);
    }

    [Fact]
    public async Task Text_that_is_no_badge_at_all_gets_an_invalid_report_not_an_error()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var page = await VerifyPage.PostAsync(http, "hello there\nftp://example.org/badge.json");

        var cards = VerifyPage.Cards(page);
        Assert.Equal(["invalid", "invalid"], cards.Select(c => c.Verdict));
        Assert.All(cards, c => Assert.Equal("failed", c.Outcome(CheckNames.Input)));
        var status = await http.GetAsync("/verify?url=");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
    }

    [Fact]
    public async Task An_upload_over_the_page_s_request_limit_gets_a_plain_error_page()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        http.Client.DefaultRequestHeaders.ExpectContinue = true; // the answer comes before the body is sent
        var image = new byte[5 * 1024 * 1024];
        var files = Enumerable.Range(1, 6).Select(i => ($"badge-{i}.png", image, "image/png")).ToArray();

        var response = await VerifyPage.SendAsync(http, "", null, files);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The request was not understood", page.QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task The_file_input_carries_the_limits_the_page_script_checks_before_uploading()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var page = await http.PageAsync("/verify");
        var input = page.QuerySelector("input[type=file]")!;

        Assert.Equal((5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), input.GetAttribute("data-max-file-bytes"));
        Assert.Equal("20", input.GetAttribute("data-max-items"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/verify.js']"));
    }
}
