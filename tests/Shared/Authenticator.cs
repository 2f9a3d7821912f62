using OtpNet;

namespace MicroCred.Testing;

/// <summary>What an authenticator app does with the key the set-up page shows: the current 6-digit code.</summary>
public static class Authenticator
{
    public static string Code(string key) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())).ComputeTotp();

    /// <summary>A 6-digit code that is not the current one (nor the neighbours Identity also accepts).</summary>
    public static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));
        var now = DateTime.UtcNow;
        var accepted = new[] { -90, -60, -30, 0, 30, 60, 90 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !accepted.Contains(c));
    }
}
