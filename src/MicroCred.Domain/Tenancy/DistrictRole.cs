namespace MicroCred.Domain.Tenancy;

/// <summary>What a member may do in one district. Roles are per district, never global.</summary>
[Flags]
public enum DistrictRole
{
    None = 0,
    Admin = 1,
    Developer = 2,
    Earner = 4,
    Assessor = 8,
    Issuer = 16,
    Recognizer = 32,
}

public static class DistrictRoles
{
    public static readonly DistrictRole[] All =
        [DistrictRole.Admin, DistrictRole.Developer, DistrictRole.Earner, DistrictRole.Assessor, DistrictRole.Issuer, DistrictRole.Recognizer];

    public const DistrictRole Any = DistrictRole.Admin | DistrictRole.Developer | DistrictRole.Earner
        | DistrictRole.Assessor | DistrictRole.Issuer | DistrictRole.Recognizer;

    public static IEnumerable<DistrictRole> Split(this DistrictRole roles) => All.Where(r => roles.HasFlag(r));

    public static string Describe(this DistrictRole roles) => string.Join(",", roles.Split());

    public static DistrictRole Combine(IEnumerable<DistrictRole> roles) => roles.Aggregate(DistrictRole.None, (a, r) => a | r);

    /// <summary>What the role lets a person do, said to them: "You {purpose}."</summary>
    public static string Purpose(this DistrictRole role) => role switch
    {
        DistrictRole.Admin => "manage members, roles, policies and the issuer profile",
        DistrictRole.Developer => "design micro-credentials, rubrics and stacks",
        DistrictRole.Earner => "submit evidence to earn micro-credentials",
        DistrictRole.Assessor => "score evidence against rubrics",
        DistrictRole.Issuer => "award, deny and revoke badges",
        DistrictRole.Recognizer => "grant credit for badges",
        _ => "",
    };
}
