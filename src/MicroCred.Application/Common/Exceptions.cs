namespace MicroCred.Application.Common;

/// <summary>The row does not exist, or it belongs to another district (which looks the same from here).</summary>
public sealed class NotFoundException(string entity, object id) : Exception($"{entity} {id} was not found.")
{
    public string Entity { get; } = entity;
}

/// <summary>The person is signed in but their roles in this district do not allow the request.</summary>
public sealed class ForbiddenException(string message) : Exception(message);

/// <summary>The request's fields failed validation; each failure names its field.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception("Validation failed: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string message) => new([new FieldError(field, message)]);
}

public sealed record FieldError(string Field, string Message);

/// <summary>A write tried to cross a district boundary. Always a bug or an attack, never a user mistake.</summary>
public sealed class TenantIsolationException(string message) : Exception(message);
