using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using Microsoft.AspNetCore.Identity;

namespace MicroCred.Application.Features.Accounts;

/// <summary>The emails of the account lifecycle, shared by the account commands.</summary>
public sealed class AccountEmails(UserManager<User> users, EmailOutbox outbox, ILinkBuilder links)
{
    public async Task QueueConfirmation(User user, string? returnUrl = null)
    {
        var code = Tokens.ForLink(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = links.Absolute($"/account/confirm-email?userId={user.Id}&code={code}"
            + (LocalPath(returnUrl) is { } r ? "&returnUrl=" + Uri.EscapeDataString(r) : ""));
        outbox.Queue(user.Email!, "Confirm your email for MicroCred",
            [$"Hello {user.DisplayName},", "Please confirm your email address to finish setting up your MicroCred account."],
            "Confirm my email", link);
    }

    public void QueueAlreadyRegistered(User user) =>
        outbox.Queue(user.Email!, "You already have a MicroCred account",
            [$"Hello {user.DisplayName},", "Someone (probably you) tried to create a MicroCred account with this email address, which already has one.",
             "If that was you, log in, or reset your password if you have forgotten it. If not, you can ignore this email."],
            "Log in", links.Absolute("/account/login"));

    public void QueueDistrictSignupWithExistingAccount(User user, string districtName) =>
        outbox.Queue(user.Email!, "Signing up a district with your MicroCred account",
            [$"Hello {user.DisplayName},", $"Someone (probably you) tried to sign up the district \"{districtName}\" with this email address, which already has a MicroCred account. No district was created.",
             "If that was you, log in first and then sign up your district: it will be linked to your account. If not, you can ignore this email."],
            "Log in", links.Absolute("/account/login?returnUrl=%2Fsignup"));

    public async Task QueuePasswordReset(User user)
    {
        var code = Tokens.ForLink(await users.GeneratePasswordResetTokenAsync(user));
        outbox.Queue(user.Email!, "Reset your MicroCred password",
            [$"Hello {user.DisplayName},", "We received a request to reset your password. The link below works once and expires within a day.",
             "If you did not ask for this, ignore this email: your password stays the same."],
            "Choose a new password", links.Absolute($"/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&code={code}"));
    }

    public void QueuePasswordChanged(User user) =>
        outbox.Queue(user.Email!, "Your MicroCred password was changed",
            [$"Hello {user.DisplayName},", "The password of your MicroCred account was just changed.",
             "If this was not you, reset your password now and tell your district's Admin."],
            "Reset my password", links.Absolute("/account/forgot-password"));

    public const string LockedOutSubject = "Sign-in to your MicroCred account is paused";

    public void QueueLockedOut(User user) =>
        outbox.Queue(user.Email!, LockedOutSubject,
            [$"Hello {user.DisplayName},", "After several wrong passwords, sign-in to your account is paused for 15 minutes.",
             "If this was you, wait or reset your password to sign in now. If not, someone may be guessing your password: a long, unique one keeps them out."],
            "Reset my password", links.Absolute("/account/forgot-password"));

    /// <summary>Only same-site paths are carried through links, never another site's address.</summary>
    public static string? LocalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url : null;
}
