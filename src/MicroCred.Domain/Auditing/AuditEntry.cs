namespace MicroCred.Domain.Auditing;

/// <summary>
/// One line of the append-only audit trail: who did what, when, in which district. Rows are only ever
/// inserted (the database refuses UPDATE and DELETE on the table).
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    public long Id { get; private set; }
    /// <summary>The district, or null for account-level events that belong to no district.</summary>
    public Guid? TenantId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public Guid? ActorId { get; private set; }
    public string? ActorName { get; private set; }
    /// <summary>The command, in the product's words: "InviteMember", "PublishCredential".</summary>
    public string Action { get; private set; } = "";
    /// <summary>What changed: "Membership 0195…" lines for the rows the command wrote.</summary>
    public string Targets { get; private set; } = "";
    /// <summary>The command's own fields as JSON, with secrets left out.</summary>
    public string? Details { get; private set; }
    public string? RequestId { get; private set; }

    public static AuditEntry Record(Guid? tenantId, DateTimeOffset at, Guid? actorId, string? actorName, string action,
        string targets, string? details, string? requestId) => new()
    {
        TenantId = tenantId,
        At = at,
        ActorId = actorId,
        ActorName = actorName,
        Action = action,
        Targets = targets.Length > 4000 ? targets[..4000] : targets,
        Details = details,
        RequestId = requestId,
    };
}
