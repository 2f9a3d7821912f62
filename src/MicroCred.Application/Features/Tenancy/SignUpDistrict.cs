using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Accounts;
using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>
/// Creates a district and makes the person signing up its Admin. Someone already logged in uses their
/// account; anyone else creates one here (and confirms its email before logging in).
/// </summary>
public sealed record SignUpDistrict(
    string DistrictName, string Slug, string IssuerName, string? Website, string ContactEmail,
    string? Email = null, string? DisplayName = null, string? Password = null) : ICommand<SignUpResult>;

public sealed record SignUpResult(string Slug, bool MustConfirmEmail);

public sealed class SignUpDistrictValidator : AbstractValidator<SignUpDistrict>
{
    public SignUpDistrictValidator(ICurrentUser user)
    {
        RuleFor(c => c.DistrictName).NotEmpty().WithMessage("Enter the district's name.").MaximumLength(120);
        RuleFor(c => c.Slug).Custom((slug, context) =>
        {
            if (DistrictSlug.Problem(slug?.Trim()) is { } problem) context.AddFailure(nameof(SignUpDistrict.Slug), problem);
        });
        RuleFor(c => c.IssuerName).NotEmpty().WithMessage("Enter the name badges will be issued under.").MaximumLength(160);
        RuleFor(c => c.Website).Must(WebAddress.IsEmptyOrHttp)
            .WithMessage("Enter a web address starting with https://, or leave it empty.");
        RuleFor(c => c.ContactEmail).NotEmpty().WithMessage("Enter a contact email for the district.")
            .EmailAddress().WithMessage("Enter an email address like pd@district.org.");
        When(_ => user.Id is null, () =>
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your own email address.")
                .EmailAddress().WithMessage("Enter an email address like name@school.org.");
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter your name.").MaximumLength(120);
            RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.")
                .MinimumLength(10).WithMessage("Use at least 10 characters: a short sentence you will remember works well.").MaximumLength(200);
        });
    }
}

public sealed class SignUpDistrictHandler(
    AppDbContext db, TenantContext tenant, ICurrentUser current, UserManager<User> users, AccountEmails emails, TimeProvider clock)
    : ICommandHandler<SignUpDistrict, SignUpResult>
{
    public async ValueTask<SignUpResult> Handle(SignUpDistrict command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var district = District.SignUp(command.DistrictName, command.Slug, command.IssuerName, command.Website, command.ContactEmail, now);
        if (await db.Districts.AnyAsync(d => d.Slug == district.Slug, ct))
            throw new DomainException($"The URL name \"{district.Slug}\" is taken. Choose another.", nameof(command.Slug));
        if (current.Id is null)
        {
            await users.ValidateNewPasswordAsync(command.Email!.Trim(), command.Password!);
            if (await users.FindByEmailAsync(command.Email!.Trim()) is { } existing)
            {
                // Same answer as for a new account ("check your email"), so the form never tells a stranger who has an
                // account; the owner is told by email, and no district is made in their name without them signed in.
                emails.QueueDistrictSignupWithExistingAccount(existing, district.Name);
                await db.SaveChangesAsync(ct);
                return new SignUpResult(district.Slug, MustConfirmEmail: true);
            }
        }

        // Act inside the new district from the start, so its first membership passes row-level security.
        tenant.Set(district.Id, district.Slug);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Districts.Add(district);

        User user;
        var mustConfirm = false;
        if (current.Id is { } id)
        {
            user = await users.FindByIdAsync(id.ToString()) ?? throw new NotFoundException("Account", id);
        }
        else
        {
            user = new User { UserName = command.Email!.Trim(), Email = command.Email.Trim(), DisplayName = command.DisplayName!.Trim(), CreatedAt = now };
            var created = await users.CreateAsync(user, command.Password!);
            if (!created.Succeeded) throw created.ToValidation();
            await emails.QueueConfirmation(user, "/" + district.Slug);
            mustConfirm = true;
        }

        db.Memberships.Add(Membership.Join(district.Id, user.Id, DistrictRole.Admin, now));
        db.DistrictPolicies.Add(DistrictPolicy.ForNewDistrict(district.Id));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new DomainException($"The URL name \"{district.Slug}\" was just taken. Choose another.", nameof(command.Slug));
        }
        await tx.CommitAsync(ct);
        return new SignUpResult(district.Slug, mustConfirm);
    }
}
