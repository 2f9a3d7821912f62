namespace MicroCred.OpenBadges.Baking;

/// <summary>An image that cannot be baked or read: not a PNG/SVG, malformed, corrupt or too large.</summary>
public sealed class BadgeImageException : Exception
{
    public BadgeImageException(string message) : base(message) { }
    public BadgeImageException(string message, Exception inner) : base(message, inner) { }
    public BadgeImageException() { }
}
