using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MicroCred.Application.Data;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Design;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Baking;
using MicroCred.OpenBadges.Signing;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>
/// Every public Open Badges document fetched over HTTP from the real app, checked against each rule of docs/architecture.md:
/// context, types, ids equal to their URLs, verification scope, dates, recipient hash, evidence, expiry, baking,
/// signing, negotiation, conditional GET, revocation (410 and the RevocationList).
/// </summary>
public sealed partial class PublicDocumentsTests(IssuingAppFixture fixture) : IClassFixture<IssuingAppFixture>
{
    private string Url(string path) => new Uri(fixture.BaseAddress, path.TrimStart('/')).ToString();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex IsoUtc();

    private static void IsBadgeObject(JsonObject json, string type, string url)
    {
        Assert.Equal(OpenBadgesContext.V2, json.Str("@context"));
        Assert.Equal(type, json.Str("type"));
        Assert.Equal(url, json.Str("id"));
    }

    [Fact]
    public async Task A_hosted_assertion_its_badge_class_issuer_and_images_follow_every_rule()
    {
        using var client = fixture.Client();
        var id = await fixture.IssueAsync(DesignSeed.VideoFeedback, evidenceUrl: "https://evidence.example.org/erin/video");
        var assertionUrl = Url($"/public/assertions/{id}");

        var (response, assertion) = await client.FetchAsync(assertionUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.MediaType());
        IsBadgeObject(assertion!, "Assertion", assertionUrl);
        var recipient = assertion!["recipient"]!.AsObject();
        Assert.Equal("email", recipient.Str("type"));
        Assert.True(recipient["hashed"]!.GetValue<bool>());
        var salt = recipient.Str("salt");
        Assert.Equal("sha256$" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(IssuingKit.Erin + salt))),
            recipient.Str("identity"));
        Assert.DoesNotContain(IssuingKit.Erin, assertion.ToJsonString());
        Assert.Equal("HostedBadge", assertion["verification"]!["type"]!.GetValue<string>());
        Assert.Matches(IsoUtc(), assertion.Str("issuedOn"));
        Assert.Matches(IsoUtc(), assertion.Str("expires"));
        int months;
        await using (var scope = await fixture.As(IssuingKit.SpringfieldIssuer, "springfield"))
            months = (await AppFixture.Get<AppDbContext>(scope).CredentialVersions.SingleAsync(v => v.Name == DesignSeed.VideoFeedback && v.Status == VersionStatus.Published)).Content.ValidityMonths!.Value;
        Assert.Equal(BadgeTimestamp.TryParse(assertion.Str("issuedOn"), out var issued) ? issued.AddMonths(months) : default,
            BadgeTimestamp.TryParse(assertion.Str("expires"), out var expires) ? expires : default);
        Assert.Equal(Url($"/public/assertions/{id}/image"), assertion.Str("image"));
        // The evidence is linked: the Issuer vouched for it (no submission to ask); the badge says it was not assessed here.
        var evidence = Assert.IsType<System.Text.Json.Nodes.JsonArray>(assertion["evidence"]);
        Assert.Equal("https://evidence.example.org/erin/video", evidence[0]!.GetValue<string>());
        Assert.Equal("Prior learning recognised", evidence[1]!["name"]!.GetValue<string>());

        // BadgeClass: criteria is the credential page, stable across versions.
        var badgeUrl = assertion.Str("badge");
        var (badgeResponse, badge) = await client.FetchAsync(badgeUrl);
        Assert.Equal(HttpStatusCode.OK, badgeResponse.StatusCode);
        IsBadgeObject(badge!, "BadgeClass", badgeUrl);
        Assert.Equal(DesignSeed.VideoFeedback, badge!.Str("name"));
        var credentialId = await fixture.PublishedCredentialAsync(DesignSeed.VideoFeedback);
        Assert.Equal(Url($"/springfield/credentials/{credentialId}"), badge!["criteria"]!["id"]!.GetValue<string>());
        Assert.Contains("Rubric", badge["criteria"]!["narrative"]!.GetValue<string>());
        Assert.NotEmpty(badge!["alignment"]!.AsArray());
        Assert.All(badge["alignment"]!.AsArray(), a => Assert.StartsWith("http", a!["targetUrl"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url($"/springfield/credentials/{credentialId}"))).StatusCode);
        var image = await client.GetAsync(badge!.Str("image"));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.True(image.MediaType() is "image/png" or "image/svg+xml");

        // Issuer: its id is its URL; the assertion is in its verification scope (same origin, under startsWith).
        var issuerUrl = badge!.Str("issuer");
        var (issuerResponse, issuer) = await client.FetchAsync(issuerUrl);
        Assert.Equal(HttpStatusCode.OK, issuerResponse.StatusCode);
        IsBadgeObject(issuer!, "Issuer", issuerUrl);
        var (springfieldId, _) = await fixture.District("springfield");
        Assert.Equal(Url($"/public/issuers/{springfieldId}"), issuerUrl);
        Assert.Equal(DemoData.Springfield.IssuerName, issuer!.Str("name"));
        Assert.Equal("pd@springfield.test", issuer!.Str("email"));
        Assert.Equal(new Uri(issuerUrl).Authority, new Uri(assertionUrl).Authority);
        Assert.StartsWith(issuer!["verification"]!["startsWith"]!.GetValue<string>(), assertionUrl);
        Assert.Equal(Url($"/public/issuers/{springfieldId}/revocations"), issuer!.Str("revocationList"));

        // The baked PNG holds exactly one openbadges iTXt chunk with this assertion; the SVG the element after <svg>.
        var png = await client.GetByteArrayAsync(assertion.Str("image"));
        var baked = PngBadge.Extract(png)!;
        Assert.Equal(BakedPayloadKind.AssertionJson, baked.Kind);
        Assert.Equal(assertionUrl, JsonNode.Parse(baked.Value)!["id"]!.GetValue<string>());
        Assert.Equal(1, CountITxt(png));
        var svg = await client.GetByteArrayAsync(Url($"/public/assertions/{id}/image.svg"));
        var bakedSvg = SvgBadge.Extract(svg)!;
        Assert.Equal(assertionUrl, bakedSvg.VerifyAttribute);
        Assert.Equal(assertionUrl, JsonNode.Parse(bakedSvg.Value)!["id"]!.GetValue<string>());
        Assert.Contains("<openbadges:assertion", System.Text.Encoding.UTF8.GetString(svg)[..400]);
    }

    private static int CountITxt(byte[] png)
    {
        var count = 0;
        for (var i = 8; i + 8 <= png.Length;)
        {
            var length = (png[i] << 24) | (png[i + 1] << 16) | (png[i + 2] << 8) | png[i + 3];
            if (System.Text.Encoding.ASCII.GetString(png, i + 4, 4) == "iTXt") count++;
            i += 12 + length;
        }
        return count;
    }

    [Fact]
    public async Task A_signed_badge_s_url_its_JWS_and_its_baked_images_are_all_valid_in_verify()
    {
        using var client = fixture.Client();
        var id = await fixture.IssueAsync(DesignSeed.AccountableTalk, email: "sam.ortiz@springfield.test", signed: true);
        var assertionUrl = Url($"/public/assertions/{id}");
        var png = await client.GetByteArrayAsync(Url($"/public/assertions/{id}/image"));
        var svg = await client.GetByteArrayAsync(Url($"/public/assertions/{id}/image.svg"));
        var jws = PngBadge.Extract(png)!.Value;

        // What a person does on /verify: paste the share link and the signed badge, upload both baked images.
        using var http = new HttpSession(fixture.BaseAddress);
        var form = await http.PageAsync("/verify");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/verify")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent(HttpSession.TokenOf(form)!), "__RequestVerificationToken" },
                { new StringContent(assertionUrl + "\n" + jws), "Input.Text" },
                { new StringContent("sam.ortiz@springfield.test"), "Input.RecipientEmail" },
                { new ByteArrayContent(png), "Input.Files", "badge.png" },
                { new ByteArrayContent(svg), "Input.Files", "badge.svg" },
            },
        };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await http.Client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["results"]!.AsArray();

        Assert.Equal(["url", "jws", "file", "file"], results.Select(r => r!["sourceKind"]!.GetValue<string>()));
        foreach (var result in results)
        {
            Assert.True("valid" == result!["verdict"]!.GetValue<string>(), result.ToJsonString());
            Assert.Equal("signed", result["method"]!.GetValue<string>());
            Assert.Equal(assertionUrl, result["assertionId"]!.GetValue<string>());
            Assert.True(result["recipientMatches"]!.GetValue<bool>());
            Assert.Contains(result["checks"]!.AsArray(), c => c!["name"]!.GetValue<string>() == "signature" && c["outcome"]!.GetValue<string>() == "passed");
        }

        // The share link of a revoked signed badge is revoked in /verify, with the issuer's reason.
        await fixture.RevokeAsync(id, "Issued to the wrong teacher.");
        var (_, revoked) = await client.FetchAsync("/verify?url=" + Uri.EscapeDataString(assertionUrl), "application/json");
        var revokedResult = revoked!["results"]![0]!;
        Assert.Equal("revoked", revokedResult["verdict"]!.GetValue<string>());
        Assert.Equal("Issued to the wrong teacher.", revokedResult["revocationReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_signed_assertion_is_a_JWS_by_a_key_the_issuer_lists_and_rotation_keeps_old_keys()
    {
        using var client = fixture.Client();
        var id = await fixture.IssueAsync(DesignSeed.CollectiveLeadership, signed: true);
        var assertionUrl = Url($"/public/assertions/{id}");
        var png = await client.GetByteArrayAsync(Url($"/public/assertions/{id}/image"));
        var baked = PngBadge.Extract(png)!;
        Assert.Equal(BakedPayloadKind.Jws, baked.Kind);
        var jws = CompactJws.Parse(baked.Value);
        Assert.Equal("RS256", jws.Algorithm);
        Assert.True(jws.TryReadPayload(out var payloadOrNull, out _));
        var payload = payloadOrNull!;
        Assert.Equal(assertionUrl, payload.Str("id"));
        var creator = payload["verification"]!["creator"]!.GetValue<string>();
        Assert.Equal("SignedBadge", payload["verification"]!["type"]!.GetValue<string>());

        var (keyResponse, key) = await client.FetchAsync(creator);
        Assert.Equal(HttpStatusCode.OK, keyResponse.StatusCode);
        IsBadgeObject(key!, "CryptographicKey", creator);
        Assert.True(SignedBadge.Verify(baked.Value, key!.Str("publicKeyPem")));
        var tampered = baked.Value[..(baked.Value.LastIndexOf('.') - 4)] + "AAAA" + baked.Value[baked.Value.LastIndexOf('.')..];
        Assert.False(SignedBadge.Verify(tampered, key!.Str("publicKeyPem")));
        var (_, issuer) = await client.FetchAsync(key!.Str("owner"));
        Assert.Contains(creator, BadgeKeys(issuer!));

        // The stored private key is encrypted: the PEM private key never appears in the database.
        await using (var scope = await fixture.As(IssuingKit.SpringfieldIssuer, "springfield"))
        {
            var stored = await AppFixture.Get<AppDbContext>(scope).IssuerKeys.Select(k => k.ProtectedPrivateKey).ToListAsync();
            Assert.All(stored, s => Assert.DoesNotContain("PRIVATE KEY", s));
        }

        // Rotation: a new key signs new badges, the old one stays listed and served.
        await using (var scope = await fixture.As(IssuingKit.SpringfieldIssuer, "springfield"))
            await AppFixture.Get<Mediator.ISender>(scope).Send(new MicroCred.Application.Features.Issuing.RotateSigningKey());
        var second = await fixture.IssueAsync(DesignSeed.GoingPublic, signed: true);
        var (_, secondJson) = await client.FetchAsync(Url($"/public/assertions/{second}"));
        var newCreator = secondJson!["verification"]!["creator"]!.GetValue<string>();
        Assert.NotEqual(creator, newCreator);
        var (_, issuerAfter) = await client.FetchAsync(key!.Str("owner"));
        Assert.Contains(creator, BadgeKeys(issuerAfter!));
        Assert.Contains(newCreator, BadgeKeys(issuerAfter!));
        Assert.Equal(HttpStatusCode.OK, (await client.FetchAsync(creator)).Response.StatusCode);
    }

    private static IReadOnlyList<string> BadgeKeys(JsonObject issuer) => issuer["publicKey"] switch
    {
        JsonArray many => [.. many.Select(k => k!.GetValue<string>())],
        JsonNode one => [one.GetValue<string>()],
        _ => [],
    };

    [Fact]
    public async Task The_assertion_URL_negotiates_by_q_value_and_json_suffix_forces_json()
    {
        using var client = fixture.Client();
        var id = await fixture.IssueAsync(DesignSeed.EquitableCulture);
        var url = Url($"/public/assertions/{id}");
        const string Chrome = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8";
        var cases = new (string? Accept, string Expected)[]
        {
            (null, "application/ld+json"),
            ("*/*", "application/ld+json"),
            ("application/json", "application/json"),
            ("application/ld+json", "application/ld+json"),
            (Chrome, "text/html"),
            ("text/html;q=0.5, application/json", "application/json"),
            ("application/ld+json;q=0.4, text/html", "text/html"),
            ("application/json;q=0.9, application/ld+json", "application/ld+json"),
            ("text/html, */*;q=0.1", "text/html"),
            ("text/*", "text/html"),
            ("application/*, text/html;q=0.2", "application/ld+json"),
        };
        foreach (var (accept, expected) in cases)
        {
            var (response, _) = await client.FetchAsync(url, accept);
            Assert.True(HttpStatusCode.OK == response.StatusCode, $"Accept {accept}: {response.StatusCode}");
            Assert.True(expected == response.MediaType(), $"Accept {accept}: expected {expected}, got {response.MediaType()}");
            Assert.Contains("Accept", response.Headers.Vary);
        }
        var (forced, json) = await client.FetchAsync(url + ".json", Chrome);
        Assert.Equal("application/json", forced.MediaType());
        Assert.Equal(url, json!.Str("id"));
        Assert.Equal(HttpStatusCode.NotAcceptable, (await client.FetchAsync(url, "image/png")).Response.StatusCode);

        var unknown = Url($"/public/assertions/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync(unknown)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync(unknown, Chrome)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync(unknown + ".json")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync(Url($"/public/badges/{Guid.NewGuid()}"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync(Url($"/public/keys/{Guid.NewGuid()}"))).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync(Url($"/public/issuers/{Guid.NewGuid()}"))).Response.StatusCode);
        // Other public ids do not answer as assertions (an assertion id is not a badge class, and the reverse).
        Assert.Equal(HttpStatusCode.NotFound, (await client.FetchAsync(Url($"/public/badges/{id}"))).Response.StatusCode);
    }

    [Fact]
    public async Task Conditional_GET_answers_304_until_a_revocation_changes_the_document_then_410_Gone_with_the_reason()
    {
        using var client = fixture.Client();
        var id = await fixture.IssueAsync(DesignSeed.VirtualOrganizing);
        var url = Url($"/public/assertions/{id}");
        var (first, _) = await client.FetchAsync(url);
        var etag = first.Headers.ETag!;
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString());
        using (var again = new HttpRequestMessage(HttpMethod.Get, url))
        {
            again.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        }
        // The HTML page is cached too; warm it.
        using var browser = new HttpSession(fixture.BaseAddress);
        browser.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        Assert.Contains("Valid", (await browser.PageAsync($"/public/assertions/{id}")).QuerySelector("#badge-status")!.TextContent);

        await fixture.RevokeAsync(id, "Issued to the wrong teacher.");

        using (var stale = new HttpRequestMessage(HttpMethod.Get, url))
        {
            stale.Headers.IfNoneMatch.Add(etag);
            stale.Headers.TryAddWithoutValidation("Accept", "application/ld+json");
            var gone = await client.SendAsync(stale);
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
            var body = JsonNode.Parse(await gone.Content.ReadAsStringAsync())!.AsObject();
            Assert.Equal(url, body.Str("id"));
            Assert.True(body["revoked"]!.GetValue<bool>());
            Assert.Equal("Issued to the wrong teacher.", body.Str("revocationReason"));
        }
        var page = await browser.PageAsync($"/public/assertions/{id}", HttpStatusCode.Gone);
        var status = page.QuerySelector("#badge-status")!;
        Assert.Contains("revoked", status.ClassName);
        Assert.Contains("Issued to the wrong teacher.", status.TextContent);
    }

    [Fact]
    public async Task The_revocation_list_lists_revoked_signed_assertions_only()
    {
        using var client = fixture.Client();
        var signed = await fixture.IssueAsync(DesignSeed.AccountableTalk, email: "casey.nguyen@springfield.test", signed: true);
        var hosted = await fixture.IssueAsync(DesignSeed.AccountableTalk, email: "riley.chen@springfield.test");
        var (springfieldId, _) = await fixture.District("springfield");
        var listUrl = Url($"/public/issuers/{springfieldId}/revocations");
        var (_, before) = await client.FetchAsync(listUrl);
        IsBadgeObject(before!, "RevocationList", listUrl);
        Assert.DoesNotContain(before!["revokedAssertions"]!.AsArray(), e => e!["id"]!.GetValue<string>() == Url($"/public/assertions/{signed}"));

        await fixture.RevokeAsync(signed, "Signed twice by mistake.");
        await fixture.RevokeAsync(hosted, "Hosted: answers 410 instead.");
        var (_, after) = await client.FetchAsync(listUrl);
        Assert.Equal(Url($"/public/issuers/{springfieldId}"), after!.Str("issuer"));
        var entry = Assert.Single(after!["revokedAssertions"]!.AsArray(), e => e!["id"]!.GetValue<string>() == Url($"/public/assertions/{signed}"))!;
        Assert.Equal("Signed twice by mistake.", entry["revocationReason"]!.GetValue<string>());
        Assert.DoesNotContain(after!["revokedAssertions"]!.AsArray(), e => e!["id"]!.GetValue<string>() == Url($"/public/assertions/{hosted}"));
    }

    [Fact]
    public async Task The_public_verifier_reports_the_demo_badges_valid_expired_and_revoked()
    {
        var (badge, revoked) = await IssuingSeed.DemoBadgesAsync(fixture.App.Services);
        using var client = fixture.Client();
        async Task<JsonObject> Verify(Guid id)
        {
            var (response, json) = await client.FetchAsync("/verify?url=" + Uri.EscapeDataString(Url($"/public/assertions/{id}")) +
                "&email=" + Uri.EscapeDataString(IssuingKit.Erin), "application/json");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return json!;
        }
        var valid = await Verify(badge!.Value);
        var result = valid["results"]![0]!;
        Assert.True("valid" == result["verdict"]!.GetValue<string>(), result.ToJsonString());
        Assert.True(result["recipientMatches"]!.GetValue<bool>());
        var gone = await Verify(revoked!.Value);
        var goneResult = gone["results"]![0]!;
        Assert.Equal("revoked", goneResult["verdict"]!.GetValue<string>());
        Assert.Equal(IssuingSeed.RevocationReason, goneResult["revocationReason"]!.GetValue<string>());

        await using var scope = await fixture.As(IssuingKit.SpringfieldIssuer, "springfield");
        var db = AppFixture.Get<AppDbContext>(scope);
        var now = DateTimeOffset.UtcNow;
        var erins = await db.Assertions.Where(a => a.RecipientEmail == IssuingKit.Erin).ToListAsync();
        var expired = erins.First(a => a.Expires <= now && a.RevokedAt == null);
        var expiredResult = (await Verify(expired.Id))["results"]![0];
        Assert.Equal("expired", expiredResult!["verdict"]!.GetValue<string>());
        var signed = erins.First(a => a.Verification == MicroCred.Domain.Issuing.BadgeVerification.Signed);
        Assert.Equal(VersionStatus.Published, (await db.CredentialVersions.SingleAsync(v => v.Id == signed.CredentialVersionId)).Status);
        // A signed badge is verified from its signed form: the baked PNG carries the JWS.
        var png = await client.GetByteArrayAsync(Url($"/public/assertions/{signed.Id}/image"));
        await using var anonymous = fixture.App.Scope();
        var signedResult = Assert.Single(await AppFixture.Get<Mediator.ISender>(anonymous).Send(
            new MicroCred.Application.Features.Public.VerifyBadges(null, [new MicroCred.Application.Features.Public.BadgeFile("badge.png", png)], IssuingKit.Erin)));
        Assert.True(signedResult.Verdict == MicroCred.OpenBadges.Verification.BadgeVerdict.Valid,
            string.Join("\n", signedResult.Checks.Select(c => $"{c.Name} {c.Outcome} {c.Message}")));
        Assert.Equal(MicroCred.OpenBadges.Verification.VerificationMethod.Signed, signedResult.Method);
        Assert.True(signedResult.RecipientMatches);
    }
}
