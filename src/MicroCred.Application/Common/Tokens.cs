using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace MicroCred.Application.Common;

/// <summary>Random link tokens: the link carries the token, the database only its SHA-256.</summary>
public static class Tokens
{
    public static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Identity's tokens contain '+' and '/'; links carry them base64url-encoded.</summary>
    public static string ForLink(string identityToken) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(identityToken));

    public static string? FromLink(string? linkToken)
    {
        if (string.IsNullOrEmpty(linkToken)) return null;
        try { return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(linkToken)); }
        catch (FormatException) { return null; }
    }
}
