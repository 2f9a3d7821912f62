using System.Text;
using System.Text.Json.Nodes;
using MicroCred.OpenBadges.Baking;
using MicroCred.OpenBadges.Signing;

namespace MicroCred.OpenBadges.Verification;

/// <summary>
/// Verifies Open Badges 2.0 assertions presented as a URL, a signed badge (JWS), assertion JSON or a
/// baked PNG/SVG image, fetching linked documents through the app's <see cref="IBadgeDocumentFetcher"/>.
/// Stateless and safe to share.
/// </summary>
public sealed class BadgeVerifier(IBadgeDocumentFetcher fetcher, TimeProvider? clock = null)
{
    private readonly IBadgeDocumentFetcher fetcher = fetcher ?? throw new ArgumentNullException(nameof(fetcher));
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <summary>How far in the future issuedOn may be, for clocks that disagree a little.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Verifies a hosted assertion by its URL.</summary>
    /// <param name="recipientEmail">When given, also reports whether the badge was awarded to this email.</param>
    public Task<VerificationReport> VerifyUrlAsync(string assertionUrl, string? recipientEmail = null, CancellationToken ct = default) =>
        RunAsync(ct, run =>
        {
            if (VerificationRun.HttpUrl(assertionUrl?.Trim()) is null)
            {
                run.Fail(CheckNames.Input, "Enter the badge's assertion URL (an http or https address).");
                return Task.CompletedTask;
            }
            run.Pass(CheckNames.Input, "An assertion URL was given.");
            return run.VerifyHostedAsync(assertionUrl!.Trim(), followId: true, baked: null, bakedVerify: null, recipientEmail);
        });

    /// <summary>Verifies a signed badge given as its compact JWS.</summary>
    public Task<VerificationReport> VerifyJwsAsync(string jws, string? recipientEmail = null, CancellationToken ct = default) =>
        RunAsync(ct, run =>
        {
            run.Pass(CheckNames.Input, "A signed badge (JWS) was given.");
            return run.VerifySignedAsync(jws ?? "", recipientEmail);
        });

    /// <summary>
    /// Verifies assertion JSON (as pasted or baked into an image). Hosted JSON only says where the
    /// assertion lives: the assertion is fetched from its id, verified, and compared with this JSON.
    /// </summary>
    public Task<VerificationReport> VerifyAssertionJsonAsync(string json, string? recipientEmail = null, CancellationToken ct = default) =>
        RunAsync(ct, run =>
        {
            run.Pass(CheckNames.Input, "Assertion JSON was given.");
            return VerifyJsonAsync(run, json ?? "", verifyAttribute: null, recipientEmail);
        });

    /// <summary>Verifies a baked PNG or SVG badge image, told apart by content.</summary>
    public Task<VerificationReport> VerifyImageAsync(byte[] image, string? recipientEmail = null, CancellationToken ct = default) =>
        RunAsync(ct, run => VerifyImageAsync(run, image ?? [], recipientEmail));

    /// <summary>
    /// Verifies whatever a person pasted: an assertion URL, a compact JWS or assertion JSON.
    /// </summary>
    public Task<VerificationReport> VerifyTextAsync(string input, string? recipientEmail = null, CancellationToken ct = default)
    {
        var text = input?.Trim() ?? "";
        if (VerificationRun.HttpUrl(text) is not null) return VerifyUrlAsync(text, recipientEmail, ct);
        if (text.StartsWith('{')) return VerifyAssertionJsonAsync(text, recipientEmail, ct);
        if (CompactJws.LooksLikeJws(text)) return VerifyJwsAsync(text, recipientEmail, ct);
        return RunAsync(ct, run =>
        {
            run.Fail(CheckNames.Input, "This is not an assertion URL, a signed badge (JWS) or assertion JSON.");
            return Task.CompletedTask;
        });
    }

    private async Task<VerificationReport> RunAsync(CancellationToken ct, Func<VerificationRun, Task> verify)
    {
        var run = new VerificationRun(fetcher, clock.GetUtcNow(), ClockSkew, ct);
        await verify(run).ConfigureAwait(false);
        return run.Report();
    }

    private static async Task VerifyImageAsync(VerificationRun run, byte[] image, string? email)
    {
        var format = BadgeImageSniffer.Detect(image);
        BakedPayload? payload;
        try
        {
            payload = format switch
            {
                BadgeImageFormat.Png => PngBadge.Extract(image),
                BadgeImageFormat.Svg => SvgBadge.Extract(image),
                _ => throw new BadgeImageException("This file is not a PNG or SVG image, the only formats badges can be baked into."),
            };
        }
        catch (BadgeImageException ex)
        {
            run.Fail(CheckNames.BakedImage, ex.Message);
            return;
        }
        if (payload is null)
        {
            run.Fail(CheckNames.BakedImage, $"The {format.ToString().ToUpperInvariant()} image carries no Open Badges data (it was not baked).");
            return;
        }

        var what = payload.Kind switch
        {
            BakedPayloadKind.Jws => "a signed badge (JWS)",
            BakedPayloadKind.AssertionUrl => "an assertion URL",
            _ => "assertion JSON",
        };
        run.Pass(CheckNames.BakedImage, $"The {format.ToString().ToUpperInvariant()} image carries {what}.");
        switch (payload.Kind)
        {
            case BakedPayloadKind.Jws:
                await run.VerifySignedAsync(payload.Value, email).ConfigureAwait(false);
                break;
            case BakedPayloadKind.AssertionUrl:
                await run.VerifyHostedAsync(payload.Value, followId: true, baked: null, bakedVerify: null, email).ConfigureAwait(false);
                break;
            default:
                await VerifyJsonAsync(run, payload.Value, payload.VerifyAttribute, email).ConfigureAwait(false);
                break;
        }
    }

    private static async Task VerifyJsonAsync(VerificationRun run, string json, string? verifyAttribute, string? email)
    {
        if (!BadgeJson.TryParseObject(Encoding.UTF8.GetBytes(json), out var baked, out var problem))
        {
            run.Fail(CheckNames.AssertionJson, $"The assertion JSON does not parse: {problem}.");
            return;
        }
        if (BadgeObjectType.Matches(VerificationRun.VerificationOf(baked!)?["type"], BadgeObjectType.SignedBadge))
        {
            run.Method = VerificationMethod.Signed;
            run.Assertion = baked;
            run.Fail(CheckNames.VerificationMethod, "The assertion declares signed verification, so it can only be verified from its signed form (the JWS), not as plain JSON.");
            return;
        }
        var id = BadgeJson.String(baked, "id");
        if (VerificationRun.HttpUrl(id) is null)
        {
            run.Method = VerificationMethod.Hosted;
            run.Assertion = baked;
            run.Fail(CheckNames.AssertionId, "The assertion's id is not an http or https URL, so the hosted assertion cannot be fetched.");
            return;
        }
        await run.VerifyHostedAsync(id!, followId: false, baked, verifyAttribute, email).ConfigureAwait(false);
    }
}
