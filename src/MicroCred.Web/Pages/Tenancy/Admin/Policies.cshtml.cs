using Mediator;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Tenancy.Admin;

public sealed class PoliciesModel(ISender sender) : PageModel
{
    [BindProperty]
    public PolicyInput Input { get; set; } = new();

    /// <summary>Whether a second person must approve a credential version before it is published (its own small form).</summary>
    public bool PublishReviewRequired { get; private set; }

    public async Task<IActionResult> OnPostPublishReviewAsync(bool required, CancellationToken ct)
    {
        await sender.Send(new MicroCred.Application.Features.Design.SetPublishReview(required), ct);
        TempData["Status"] = required
            ? "A second person (another Developer, or an Admin) now approves each credential version before it is published."
            : "Credential versions can be published without a second review.";
        return RedirectToPage();
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        PublishReviewRequired = await sender.Send(new MicroCred.Application.Features.Design.GetPublishReviewSetting(), ct);
        var p = await sender.Send(new GetDistrictPolicy(), ct);
        Input = new PolicyInput
        {
            MaxAttempts = p.MaxAttempts, Assignment = p.Assignment, TurnaroundBusinessDays = p.TurnaroundBusinessDays, BlindReview = p.BlindReview,
            DoubleScoringPercent = p.DoubleScoringPercent, ForbidSameSchool = p.ForbidSameSchool, AgreementThresholdPercent = p.AgreementThresholdPercent,
            CalibrationThresholdPercent = p.CalibrationThresholdPercent, AutoAward = p.AutoAward,
            RequireSecondFactorForAdmins = p.RequireSecondFactorForAdmins, RequireSecondFactorForIssuers = p.RequireSecondFactorForIssuers,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        await sender.Send(new UpdateDistrictPolicy(Input.MaxAttempts, Input.Assignment, Input.TurnaroundBusinessDays, Input.BlindReview,
            Input.DoubleScoringPercent, Input.ForbidSameSchool, Input.AgreementThresholdPercent, Input.CalibrationThresholdPercent, Input.AutoAward,
            Input.RequireSecondFactorForAdmins, Input.RequireSecondFactorForIssuers), ct);
        TempData["Status"] = "Policies saved.";
        return RedirectToPage();
    }

    public sealed class PolicyInput
    {
        public int? MaxAttempts { get; set; }
        public AssignmentMode Assignment { get; set; }
        public int TurnaroundBusinessDays { get; set; }
        public bool BlindReview { get; set; }
        public int DoubleScoringPercent { get; set; }
        public bool ForbidSameSchool { get; set; }
        public int AgreementThresholdPercent { get; set; }
        public int CalibrationThresholdPercent { get; set; }
        public bool AutoAward { get; set; }
        public bool RequireSecondFactorForAdmins { get; set; }
        public bool RequireSecondFactorForIssuers { get; set; }
    }
}
