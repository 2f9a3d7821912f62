using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Recognition;
using MicroCred.Domain.Recognition;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Documents;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Recognition;

/// <summary>Recognition situations in a class's database: a recognizer's credit types and rules, badges served by a test issuer.</summary>
public sealed class RecognitionKit(AppFixture fixture)
{
    public const string Recognizer = "recognizer@springfield.test";
    public const string OtherRecognizer = "recognizer@shelbyville.test";
    /// <summary>A teacher of another district: anyone signed in may ask an organisation for credit.</summary>
    public const string Teacher = "earner@shelbyville.test";

    public async Task<T> As<T>(string email, string district, Func<ISender, Task<T>> act)
    {
        await using var scope = await fixture.As(email, district);
        return await act(AppFixture.Get<ISender>(scope));
    }

    public Task<T> AsRecognizer<T>(Func<ISender, Task<T>> act) => As(Recognizer, "springfield", act);

    /// <summary>The teacher acting on springfield's pages (the request page is the organisation's).</summary>
    public Task<T> AsTeacher<T>(Func<ISender, Task<T>> act, string email = Teacher) => As(email, "springfield", act);

    /// <summary>A scope outside any district, as the teacher (their transcript).</summary>
    public async Task<Transcript> TranscriptOf(string email)
    {
        var id = await fixture.UserId(email);
        await using var scope = fixture.App.Scope(userId: id, email: email);
        return await AppFixture.Get<ISender>(scope).Send(new GetMyTranscript());
    }

    public async Task<Guid> CreditType(string name = "Professional development", string unit = "PD hours") =>
        await AsRecognizer(s => s.Send(new DefineCreditType(name, unit)).AsTask());

    public async Task<Guid> ExternalRule(Guid creditTypeId, string badgeClassUrl, decimal units, string name = "Formative Assessment (Capital City)") =>
        await AsRecognizer(s => s.Send(new AddRecognitionRule(Domain.Recognition.RuleTarget.ExternalBadgeClass, creditTypeId, units, badgeClassUrl, name)).AsTask());

    public async Task<T> Db<T>(string district, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = await fixture.As(Recognizer, district);
        return await read(AppFixture.Get<AppDbContext>(scope));
    }

    public Task<int> RequestCount() => Db("springfield", db => db.CreditRequests.CountAsync());

    /// <summary>
    /// Serves on <paramref name="issuer"/> a hosted badge whose badge class names <paramref name="criteriaUrl"/> as its
    /// criteria (as this platform's badge classes name their credential's page). Returns the assertion URL.
    /// </summary>
    public static string ServeBadgeWithCriteria(BadgeIssuerServer issuer, string name, string criteriaUrl, string recipient)
    {
        var key = Guid.NewGuid().ToString("N");
        var issuerUrl = issuer.Url($"public/issuers/{key}");
        var badgeClassUrl = issuer.Url($"public/badges/{key}");
        var assertionUrl = issuer.Url($"public/assertions/{key}");
        issuer.Serve(issuerUrl, new IssuerProfile { Id = issuerUrl, Name = "Springfield Public Schools", Url = issuer.Url("/"), Email = "pd@springfield.test" }.ToJson());
        issuer.Serve(badgeClassUrl, new BadgeClassDocument
        {
            Id = badgeClassUrl, Name = name, Description = "A micro-credential.", Image = issuer.BadgeImageUrl,
            Criteria = new BadgeCriteria(criteriaUrl, "Earn the micro-credential."), Issuer = issuerUrl,
        }.ToJson());
        issuer.Serve(assertionUrl, new AssertionDocument
        {
            Id = assertionUrl, Recipient = Recipient.HashedEmail(recipient, Recipient.NewSalt()), Badge = badgeClassUrl,
            Verification = AssertionVerification.Hosted, IssuedOn = issuer.Now.AddDays(-3),
        }.ToJson());
        return assertionUrl;
    }
}

/// <summary>
/// The app whose public address is a local badge issuer's origin, so that issuer can serve badges "of this
/// platform" (badge classes on the platform's address, criteria on its credential pages) before the platform's
/// own badge documents exist. The verifier may reach loopback.
/// </summary>
public sealed class PlatformOriginFixture : AppFixture
{
    public BadgeIssuerServer Issuer { get; } = new();

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Verifier:AllowPrivateNetworks"] = "true",
        ["App:PublicBaseUrl"] = Issuer.Origin.ToString(),
    };

    public override async ValueTask InitializeAsync()
    {
        await Issuer.InitializeAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
    }
}
