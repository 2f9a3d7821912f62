namespace MicroCred.Domain.Common;

internal static class Guard
{
    public static string Required(string? value, string field, string label, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new DomainException($"{label} is required.", field);
        if (trimmed.Length > maxLength) throw new DomainException($"{label} must be at most {maxLength} characters.", field);
        return trimmed;
    }

    public static string? Optional(string? value, string field, string label, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > maxLength) throw new DomainException($"{label} must be at most {maxLength} characters.", field);
        return trimmed;
    }

    public static string Email(string? value, string field, string label)
    {
        var email = Required(value, field, label, 254).ToLowerInvariant();
        var at = email.IndexOf('@');
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Contains(' '))
            throw new DomainException($"{label} must be an email address like name@school.org.", field);
        return email;
    }

    public static string? HttpUrl(string? value, string field, string label)
    {
        var trimmed = Optional(value, field, label, 2000);
        if (trimmed is null) return null;
        if (!WebAddress.TryParse(trimmed, out var uri))
            throw new DomainException($"{label} must be a web address starting with http:// or https://.", field);
        return uri.ToString();
    }
}
