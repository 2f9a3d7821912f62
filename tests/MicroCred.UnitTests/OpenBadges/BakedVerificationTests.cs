using System.Text;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Baking;
using MicroCred.OpenBadges.Verification;

namespace MicroCred.UnitTests.OpenBadges;

public sealed class BakedVerificationTests
{
    private static readonly byte[] Svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>"u8.ToArray();

    private static BadgeVerifier Verifier(FakeFetcher fetcher) => new(fetcher, new FixedClock());

    private static string FixtureJson => BadgeJson.Serialize(Fixtures.BasicAssertion);

    [Fact]
    public async Task A_png_baked_with_the_hosted_assertion_is_valid()
    {
        var image = PngBadge.Bake(TestPng.OnePixel, FixtureJson);

        var report = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyImageAsync(image, "nobody@example.org", TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.NoFailures();
        report.Outcome(CheckNames.BakedImage, CheckOutcome.Passed);
        report.Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Passed);
        Assert.True(report.RecipientMatches);
    }

    [Fact]
    public async Task A_png_baked_with_altered_json_is_invalid()
    {
        var altered = Fixtures.BasicAssertion;
        altered["recipient"] = Recipient.HashedEmail("impostor@example.org", "deadsea").ToJson();
        var image = PngBadge.Bake(TestPng.OnePixel, BadgeJson.Serialize(altered)); // valid CRCs: only the content lies

        var report = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyImageAsync(image, "impostor@example.org", TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        Assert.Contains("recipient", report.Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Failed).Message, StringComparison.Ordinal);
        Assert.False(report.RecipientMatches); // the hosted assertion is the one reported
    }

    [Fact]
    public async Task A_png_whose_bytes_were_edited_is_invalid_and_says_why()
    {
        var image = PngBadge.Bake(TestPng.OnePixel, FixtureJson);
        var at = Encoding.ASCII.GetString(image).IndexOf("2016-12-31", StringComparison.Ordinal);
        image[at + 3] = (byte)'5';

        var report = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyImageAsync(image, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        Assert.Contains("CRC", report.Outcome(CheckNames.BakedImage, CheckOutcome.Failed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_png_baked_with_a_signed_badge_is_valid()
    {
        using var issuer = new SignedIssuer();
        var image = PngBadge.Bake(TestPng.OnePixel, issuer.Sign());

        var report = await Verifier(issuer.Fetcher).VerifyImageAsync(image, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        Assert.Equal(VerificationMethod.Signed, report.Method);
        report.Outcome(CheckNames.Signature, CheckOutcome.Passed);
    }

    [Fact]
    public async Task A_legacy_png_with_an_assertion_url_is_verified_by_fetching_it()
    {
        var image = TestPng.Build(("tEXt", TestPng.TextChunk("openbadges", Fixtures.AssertionUrl)));

        var report = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyImageAsync(image, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
    }

    [Fact]
    public async Task Svgs_baked_hosted_or_signed_are_valid()
    {
        using var issuer = new SignedIssuer();
        var hosted = SvgBadge.BakeHosted(Svg, Fixtures.AssertionUrl, FixtureJson);
        var signed = SvgBadge.BakeSigned(Svg, issuer.Sign());

        var hostedReport = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyImageAsync(hosted, ct: TestContext.Current.CancellationToken);
        var signedReport = await Verifier(issuer.Fetcher).VerifyImageAsync(signed, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, hostedReport.Verdict);
        hostedReport.Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Passed);
        Assert.Equal(BadgeVerdict.Valid, signedReport.Verdict);
        Assert.Equal(VerificationMethod.Signed, signedReport.Method);
    }

    [Fact]
    public async Task An_svg_whose_verify_url_disagrees_with_its_json_is_invalid()
    {
        var image = SvgBadge.BakeHosted(Svg, "https://example.org/another-assertion.json", FixtureJson);

        var report = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyImageAsync(image, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        Assert.Contains("verify", report.Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Failed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_baked_badge_is_revoked()
    {
        var image = PngBadge.Bake(TestPng.OnePixel, FixtureJson);
        var fetcher = FakeFetcher.WithHostedFixtures().ServeBytes(Fixtures.AssertionUrl, """{"id":"https://example.org/beths-robotics-badge.json","revoked":true,"revocationReason":"Duplicate"}"""u8.ToArray(), status: 410);

        var report = await Verifier(fetcher).VerifyImageAsync(image, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Revoked, report.Verdict);
        Assert.Equal("Duplicate", report.RevocationReason);
    }

    [Fact]
    public async Task Unbaked_and_non_image_files_are_invalid()
    {
        var verifier = Verifier(FakeFetcher.WithHostedFixtures());

        var unbaked = await verifier.VerifyImageAsync(TestPng.OnePixel, ct: TestContext.Current.CancellationToken);
        var gif = await verifier.VerifyImageAsync("GIF89a....."u8.ToArray(), ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, unbaked.Verdict);
        Assert.Contains("not baked", unbaked.Outcome(CheckNames.BakedImage, CheckOutcome.Failed).Message, StringComparison.Ordinal);
        Assert.Equal(BadgeVerdict.Invalid, gif.Verdict);
        Assert.Contains("not a PNG or SVG", gif.Outcome(CheckNames.BakedImage, CheckOutcome.Failed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Baked_json_that_declares_signed_verification_is_invalid()
    {
        var signedJson = BadgeJson.Serialize(Fixtures.BasicAssertion.Also(a => a["verification"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "signed" }));
        var image = PngBadge.Bake(TestPng.OnePixel, signedJson);

        var report = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyImageAsync(image, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.VerificationMethod, CheckOutcome.Failed);
    }
}

internal static class JsonTestExtensions
{
    public static T Also<T>(this T value, Action<T> change)
    {
        change(value);
        return value;
    }
}
