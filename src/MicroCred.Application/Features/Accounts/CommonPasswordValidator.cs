using System.Collections.Frozen;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

/// <summary>
/// Refuses passwords that attackers try first: those on the list shipped with the app (<c>CommonPasswords.txt</c>,
/// written by <c>scripts/generate-common-passwords.py</c>; no network), and passwords built from the person's own email.
/// Every way of setting a password goes through Identity, so this covers registration, sign-up, invitations and resets.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<User>
{
    public const string Code = "PasswordCommon"; // "Password…" codes land on the password field
    public const string Message = "This password is on a list of common or leaked passwords that attackers try first. Choose another: a short sentence works well.";
    public const string EmailMessage = "Do not use your email address in your password.";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    public static bool IsCommon(string password) => List.Value.Contains(password.Trim().ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<User> manager, User user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        if (IsCommon(password))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = Code, Description = Message }));
        var local = user.Email?.Split('@')[0];
        if (local is { Length: >= 4 } && password.Contains(local, StringComparison.OrdinalIgnoreCase))
            return Task.FromResult(IdentityResult.Failed(new IdentityError { Code = Code, Description = EmailMessage }));
        return Task.FromResult(IdentityResult.Success);
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("MicroCred.CommonPasswords.txt")
            ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0) words.Add(line);
        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
