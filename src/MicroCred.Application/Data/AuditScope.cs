using System.Text.Json;
using System.Text.Json.Nodes;
using MicroCred.Application.Common;
using MicroCred.Domain.Auditing;

namespace MicroCred.Application.Data;

/// <summary>
/// The command being handled in this scope. The audit behaviour opens it; <see cref="AppDbContext"/> refuses
/// to save a change when none is open and writes one audit entry per save while one is, in the same transaction.
/// </summary>
public sealed class AuditScope(ICurrentUser user, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private const int MaxDetails = 8000;

    public string? Action { get; private set; }
    private string? details;

    public bool IsOpen => Action is not null;

    public IDisposable Begin(string action, object? command)
    {
        var previous = (Action, details);
        Action = action;
        details = command is null ? null : Describe(command);
        return new Closer(this, previous);
    }

    internal AuditEntry Entry(Guid? tenantId, string targets) =>
        AuditEntry.Record(tenantId, clock.GetUtcNow(), user.Id, user.Name ?? user.Email, Action!, targets, details, user.RequestId);

    /// <summary>The command's fields as JSON, without secrets, streams or anything too large for a log line.</summary>
    private static string? Describe(object command)
    {
        var node = new JsonObject();
        foreach (var p in command.GetType().GetProperties())
        {
            if (p.GetIndexParameters().Length > 0 || p.IsDefined(typeof(NotAuditedAttribute), true)) continue;
            if (p.Name.Contains("Password", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("Token", StringComparison.OrdinalIgnoreCase)) continue;
            var value = p.GetValue(command);
            if (value is Stream) continue;
            try
            {
                var json = JsonSerializer.SerializeToNode(value, p.PropertyType, Json);
                if (json is JsonValue v && v.ToJsonString().Length > 500) json = JsonValue.Create(v.ToJsonString()[..500] + "…");
                node[p.Name] = json;
            }
            catch (NotSupportedException)
            {
                node[p.Name] = value?.GetType().Name;
            }
        }
        // Too long for the trail (a whole credential's content): leave out the largest fields, by name, until it
        // fits. Cutting the text instead would store invalid JSON, which the jsonb column refuses.
        var text = node.ToJsonString(Json);
        while (text.Length > MaxDetails)
        {
            var (name, length) = node.Where(p => p.Value is not null).Select(p => (p.Key, p.Value!.ToJsonString(Json).Length)).MaxBy(p => p.Length);
            if (name is null || length <= 60) return null;
            node[name] = $"(left out: {length} characters)";
            text = node.ToJsonString(Json);
        }
        return text;
    }

    private sealed class Closer(AuditScope scope, (string? Action, string? Details) previous) : IDisposable
    {
        public void Dispose() => (scope.Action, scope.details) = previous;
    }
}
