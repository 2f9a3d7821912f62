using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

public static class DistrictPolicyLookup
{
    /// <summary>The district's policy, created with the defaults on first use (tracked: save to keep it).</summary>
    public static async Task<DistrictPolicy> DistrictPolicyAsync(this AppDbContext db, ITenantContext tenant, CancellationToken ct)
    {
        var policy = await db.DistrictPolicies.SingleOrDefaultAsync(ct);
        if (policy is null)
        {
            policy = DistrictPolicy.Default(tenant.TenantId!.Value);
            db.DistrictPolicies.Add(policy);
        }
        return policy;
    }

    /// <summary>The policy for reading only: the stored one, or the defaults.</summary>
    public static async Task<DistrictPolicy> ReadDistrictPolicyAsync(this AppDbContext db, ITenantContext tenant, CancellationToken ct) =>
        await db.DistrictPolicies.AsNoTracking().SingleOrDefaultAsync(ct) ?? DistrictPolicy.Default(tenant.TenantId!.Value);
}

[RequiresRole(DistrictRole.Admin)]
public sealed record GetDistrictPolicy : IQuery<DistrictPolicyView>;

public sealed record DistrictPolicyView(int? MaxAttempts, AssignmentMode Assignment, int TurnaroundBusinessDays, bool BlindReview,
    int DoubleScoringPercent, bool ForbidSameSchool, int AgreementThresholdPercent, int CalibrationThresholdPercent, bool AutoAward,
    bool RequireSecondFactorForAdmins, bool RequireSecondFactorForIssuers);

/// <summary>The Admin's policies for earning, assessing, issuing and signing in.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record UpdateDistrictPolicy(int? MaxAttempts, AssignmentMode Assignment, int TurnaroundBusinessDays, bool BlindReview,
    int DoubleScoringPercent, bool ForbidSameSchool, int AgreementThresholdPercent, int CalibrationThresholdPercent, bool AutoAward,
    bool RequireSecondFactorForAdmins, bool RequireSecondFactorForIssuers) : ICommand;

public sealed class UpdateDistrictPolicyValidator : AbstractValidator<UpdateDistrictPolicy>
{
    public UpdateDistrictPolicyValidator()
    {
        RuleFor(c => c.MaxAttempts).InclusiveBetween(1, 20).When(c => c.MaxAttempts is not null).WithMessage("Allow 1 to 20 attempts, or leave it empty for no limit.");
        RuleFor(c => c.TurnaroundBusinessDays).InclusiveBetween(1, 60).WithMessage("The turnaround target is 1 to 60 business days.");
        RuleFor(c => c.DoubleScoringPercent).InclusiveBetween(0, 100).WithMessage("The double-scored share is 0 to 100 %.");
        RuleFor(c => c.AgreementThresholdPercent).InclusiveBetween(0, 100).WithMessage("The agreement threshold is 0 to 100 %.");
        RuleFor(c => c.CalibrationThresholdPercent).InclusiveBetween(0, 100).WithMessage("The calibration threshold is 0 to 100 %.");
    }
}

public sealed class DistrictPolicyHandler(AppDbContext db, ITenantContext tenant)
    : IQueryHandler<GetDistrictPolicy, DistrictPolicyView>, ICommandHandler<UpdateDistrictPolicy>
{
    public async ValueTask<DistrictPolicyView> Handle(GetDistrictPolicy query, CancellationToken ct)
    {
        var p = await db.ReadDistrictPolicyAsync(tenant, ct);
        return new DistrictPolicyView(p.MaxAttempts, p.Assignment, p.TurnaroundBusinessDays, p.BlindReview, p.DoubleScoringPercent,
            p.ForbidSameSchool, p.AgreementThresholdPercent, p.CalibrationThresholdPercent, p.AutoAward,
            p.RequireSecondFactorForAdmins, p.RequireSecondFactorForIssuers);
    }

    public async ValueTask<Unit> Handle(UpdateDistrictPolicy c, CancellationToken ct)
    {
        var policy = await db.DistrictPolicyAsync(tenant, ct);
        policy.ChangeEarning(c.MaxAttempts);
        policy.ChangeAssessment(c.Assignment, c.TurnaroundBusinessDays, c.BlindReview, c.DoubleScoringPercent, c.ForbidSameSchool,
            c.AgreementThresholdPercent, c.CalibrationThresholdPercent);
        policy.ChangeIssuing(c.AutoAward);
        policy.ChangeSignIn(c.RequireSecondFactorForAdmins, c.RequireSecondFactorForIssuers);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
