namespace MicroCred.Domain.Common;

/// <summary>
/// A rule of the product refused the requested change. The message is written for the person who asked:
/// pages show it as a form message, so it must say what is wrong and, where possible, what to do.
/// </summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    /// <summary>The input field the refusal is about, when there is one (e.g. "Slug").</summary>
    public string? Field { get; } = field;
}
