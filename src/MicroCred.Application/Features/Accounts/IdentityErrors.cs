using MicroCred.Application.Common;
using MicroCred.Application.Data;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

internal static class IdentityErrors
{
    /// <summary>
    /// Runs Identity's password rules for a new account before anything else, so a form answers the same (refusal or
    /// "check your email") whether or not the email already has an account.
    /// </summary>
    public static async Task ValidateNewPasswordAsync(this UserManager<User> users, string email, string password, string passwordField = "Password")
    {
        var candidate = new User { UserName = email, Email = email };
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
            if (await validator.ValidateAsync(users, candidate, password) is { Succeeded: false } refused) errors.AddRange(refused.Errors);
        if (errors.Count > 0) throw IdentityResult.Failed([.. errors]).ToValidation(passwordField);
    }

    /// <summary>Turns Identity's refusals into field messages on the form that asked.</summary>
    public static ValidationFailedException ToValidation(this IdentityResult result, string passwordField = "Password") =>
        new(result.Errors.Select(e => new FieldError(
            e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
            : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "Email"
            : "",
            e.Code switch
            {
                "PasswordTooShort" => "Use at least 10 characters: a short sentence you will remember works well.",
                "PasswordRequiresUniqueChars" => "Use a less repetitive password.",
                "DuplicateEmail" or "DuplicateUserName" => "An account with this email already exists.",
                "InvalidToken" => "This link is invalid or has expired. Request a new one.",
                "PasswordMismatch" => "That is not your current password.",
                _ => e.Description,
            })).ToList());
}
