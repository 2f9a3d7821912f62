using MicroCred.Application.Common;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

internal static class IdentityErrors
{
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
