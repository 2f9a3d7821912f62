using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Seeding;

/// <summary>
/// The demo districts and accounts, in one place: the seeder creates them, <c>./run.sh</c> prints them,
/// the README lists them, and tests log in with them. Demo data, not secrets: it is only seeded when
/// <c>Seed:Demo</c> is on (development).
/// </summary>
public static class DemoData
{
    public const string Password = "microcred-demo-2026";

    public sealed record DemoDistrict(string Slug, string Name, string IssuerName, string Website, string Color);
    public sealed record DemoAccount(string Email, string Name, string District, DistrictRole Roles);

    public static readonly DemoDistrict Springfield =
        new("springfield", "Springfield Public Schools", "Springfield Public Schools", "https://springfield.example.org", "#1f5f8b");
    public static readonly DemoDistrict Shelbyville =
        new("shelbyville", "Shelbyville Unified", "Shelbyville Unified School District", "https://shelbyville.example.org", "#7a3e9d");

    /// <summary>A recognizer organisation: a state agency that grants credit for badges; it runs no micro-credentials itself.</summary>
    public static readonly DemoDistrict StateBoard =
        new("state-board", "State Board of Educator Licensing", "State Board of Educator Licensing", "https://educator-licensing.example.gov", "#0b6e4f");

    public static readonly IReadOnlyList<DemoDistrict> Districts = [Springfield, Shelbyville, StateBoard];

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin@springfield.test", "Alicia Admin", "springfield", DistrictRole.Admin),
        new("developer@springfield.test", "Devon Designer", "springfield", DistrictRole.Developer),
        new("earner@springfield.test", "Erin Earner", "springfield", DistrictRole.Earner),
        new("assessor@springfield.test", "Asa Assessor", "springfield", DistrictRole.Assessor),
        new("issuer@springfield.test", "Isabel Issuer", "springfield", DistrictRole.Issuer),
        new("recognizer@springfield.test", "Rory Recognizer", "springfield", DistrictRole.Recognizer),
        new("admin@shelbyville.test", "Sam Shelby", "shelbyville", DistrictRole.Admin),
        new("developer@shelbyville.test", "Dana Draftsman", "shelbyville", DistrictRole.Developer),
        new("earner@shelbyville.test", "Eli Learner", "shelbyville", DistrictRole.Earner),
        new("assessor@shelbyville.test", "Ada Appraiser", "shelbyville", DistrictRole.Assessor),
        new("issuer@shelbyville.test", "Ivan Issuer", "shelbyville", DistrictRole.Issuer),
        new("recognizer@shelbyville.test", "Reese Reviewer", "shelbyville", DistrictRole.Recognizer),
        // A teacher who works in both districts: switches between them from the header.
        new("pat.rivera@springfield.test", "Pat Rivera", "springfield", DistrictRole.Earner | DistrictRole.Assessor),
        new("pat.rivera@springfield.test", "Pat Rivera", "shelbyville", DistrictRole.Earner),
        // Assessment: more assessors and teachers, so the queue, double scoring and the reliability report have people.
        new("morgan.lee@springfield.test", "Morgan Lee", "springfield", DistrictRole.Assessor),
        new("jordan.kim@springfield.test", "Jordan Kim", "springfield", DistrictRole.Assessor),
        new("casey.nguyen@springfield.test", "Casey Nguyen", "springfield", DistrictRole.Earner),
        new("riley.chen@springfield.test", "Riley Chen", "springfield", DistrictRole.Earner),
        new("sam.ortiz@springfield.test", "Sam Ortiz", "springfield", DistrictRole.Earner),
        new("taylor.brooks@springfield.test", "Taylor Brooks", "springfield", DistrictRole.Earner),
        // Recognition: the state board's recognizer (also its Admin) grants credit for Springfield's and other issuers' badges.
        new("recognizer@state-board.test", "Robin Registrar", "state-board", DistrictRole.Recognizer | DistrictRole.Admin),
    ];

    public static IEnumerable<string> Lines() =>
        Accounts.Select(a => $"Demo account: {a.Email} {Password} {a.District} {a.Roles.Describe()}");
}
