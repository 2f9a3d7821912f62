using MicroCred.Domain.Common;

namespace MicroCred.Domain.Design;

/// <summary>A district's design choices: its rubric levels and the standards frameworks its developers pick from.</summary>
public sealed class DesignSettings : ITenantOwned
{
    private DesignSettings() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public List<string> RubricLevels { get; private set; } = [];
    public List<StandardsFramework> Frameworks { get; private set; } = [];

    public static DesignSettings Default(Guid tenantId) => new()
    {
        Id = tenantId, TenantId = tenantId, RubricLevels = [.. Rubric.DefaultLevelNames], Frameworks = [],
    };

    public void UseRubricLevels(IReadOnlyList<string> names)
    {
        var cleaned = names.Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
        if (cleaned.Count is < Rubric.MinLevels or > Rubric.MaxLevels) throw new DomainException($"Choose {Rubric.MinLevels} to {Rubric.MaxLevels} performance levels, lowest first.", nameof(RubricLevels));
        if (cleaned.Any(n => n.Length > Rubric.MaxLevelName)) throw new DomainException($"Level names must be at most {Rubric.MaxLevelName} characters.", nameof(RubricLevels));
        if (cleaned.Distinct(StringComparer.OrdinalIgnoreCase).Count() != cleaned.Count) throw new DomainException("Level names must differ.", nameof(RubricLevels));
        RubricLevels = cleaned;
    }

    public void UseFrameworks(IReadOnlyList<StandardsFramework> frameworks)
    {
        if (frameworks.Count > 50) throw new DomainException("Keep to at most 50 frameworks.", nameof(Frameworks));
        foreach (var f in frameworks)
        {
            if (string.IsNullOrWhiteSpace(f.Name)) throw new DomainException("Every framework needs a name.", nameof(Frameworks));
            if (f.Url is { Length: > 0 } url && !WebAddress.IsHttp(url))
                throw new DomainException($"The link of \"{f.Name}\" must start with http:// or https://.", nameof(Frameworks));
        }
        Frameworks = frameworks.ToList();
    }
}

/// <summary>A standards framework a district aligns to, e.g. "ISTE Standards for Educators".</summary>
public sealed record StandardsFramework(string Name, string? Url, string? Description);
