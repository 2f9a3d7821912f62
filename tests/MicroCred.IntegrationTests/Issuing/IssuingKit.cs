using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Design;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>Issuing badges as the demo Issuers, and fetching public documents as a machine would.</summary>
public static class IssuingKit
{
    public const string SpringfieldIssuer = "issuer@springfield.test";
    public const string ShelbyvilleIssuer = "issuer@shelbyville.test";
    public const string Erin = "earner@springfield.test";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<Guid> PublishedCredentialAsync(this AppFixture fixture, string name, string district = "springfield")
    {
        await using var scope = await fixture.As(district == "springfield" ? SpringfieldIssuer : ShelbyvilleIssuer, district);
        return await AppFixture.Get<AppDbContext>(scope).CredentialVersions
            .Where(v => v.Name == name && v.Status == VersionStatus.Published).Select(v => v.CredentialId).SingleAsync();
    }

    public static async Task<Guid> IssueAsync(this AppFixture fixture, string credentialName, string email = Erin, bool signed = false,
        string issuer = SpringfieldIssuer, string district = "springfield", string? evidenceUrl = null)
    {
        var credentialId = await fixture.PublishedCredentialAsync(credentialName, district);
        await using var scope = await fixture.As(issuer, district);
        return await AppFixture.Get<ISender>(scope).Send(new IssueBadge(email, credentialId, "Well earned.", evidenceUrl, signed));
    }

    public static async Task RevokeAsync(this AppFixture fixture, Guid assertionId, string reason, string issuer = SpringfieldIssuer, string district = "springfield")
    {
        await using var scope = await fixture.As(issuer, district);
        await AppFixture.Get<ISender>(scope).Send(new RevokeBadge(assertionId, reason));
    }

    public static async Task<(HttpResponseMessage Response, JsonObject? Json)> FetchAsync(this HttpClient client, string url, string? accept = "application/ld+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType is "application/ld+json" or "application/json" ? JsonNode.Parse(text) as JsonObject : null;
        return (response, json);
    }

    public static string? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType?.MediaType;

    public static string Str(this JsonObject json, string name) => json[name]?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException($"{name} is missing in {json}");

    public static HttpClient Client(this AppFixture fixture) => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.BaseAddress };

    public static void AcceptOnly(this HttpRequestMessage request, string accept) => request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
}

/// <summary>An app whose public verifier may fetch from loopback (our own badges, on the test port).</summary>
public sealed class IssuingAppFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Verifier:AllowPrivateNetworks"] = "true",
    };
}
