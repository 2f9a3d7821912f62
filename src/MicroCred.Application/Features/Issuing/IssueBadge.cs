using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// An Issuer awards a published micro-credential by hand, e.g. for work assessed outside the platform. The badge goes
/// to the credential's current published version and says it was not assessed here (prior learning recognised).
/// Nobody issues a badge to themselves. Someone who is not a member gets the badge at their email and a link to claim
/// it (<see cref="BadgeClaimLinks"/>); whether they have an account anywhere changes nothing.
/// </summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record IssueBadge(string Email, Guid CredentialId, string? Narrative, string? EvidenceUrl, bool Signed) : ICommand<Guid>;

public sealed class IssueBadgeValidator : AbstractValidator<IssueBadge>
{
    public IssueBadgeValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the teacher's email address.")
            .EmailAddress().WithMessage("Enter an email address like name@school.org.").MaximumLength(254);
        RuleFor(c => c.CredentialId).NotEmpty().WithMessage("Choose the micro-credential to award.");
        RuleFor(c => c.Narrative).MaximumLength(Assertion.MaxNarrative).WithMessage($"Keep the narrative to {Assertion.MaxNarrative} characters.");
        RuleFor(c => c.EvidenceUrl).MaximumLength(2000)
            .Must(WebAddress.IsEmptyOrHttp)
            .WithMessage("The evidence link must be a web address starting with http:// or https://.");
    }
}

public sealed class IssueBadgeHandler(AppDbContext db, BadgeIssuing issuing, BadgeClaimLinks claims) : ICommandHandler<IssueBadge, Guid>
{
    public async ValueTask<Guid> Handle(IssueBadge command, CancellationToken ct)
    {
        var recipientId = await claims.MemberAsync(command.Email, ct);
        var versionId = await db.CredentialVersions
            .Where(v => v.CredentialId == command.CredentialId && v.Status == VersionStatus.Published)
            .Select(v => (Guid?)v.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("Choose a published micro-credential.", nameof(IssueBadge.CredentialId));
        var award = new BadgeAward(recipientId, versionId, Narrative: command.Narrative,
            EvidenceUrl: string.IsNullOrWhiteSpace(command.EvidenceUrl) ? null : command.EvidenceUrl.Trim(), Signed: command.Signed,
            Basis: AwardBasis.PriorLearning, ToEmail: command.Email);
        var id = recipientId is not null ? await issuing.IssueAsync(award, ct) : (await claims.IssueAsync(award, ct)).AssertionId;
        await db.SaveChangesAsync(ct);
        return id;
    }
}
