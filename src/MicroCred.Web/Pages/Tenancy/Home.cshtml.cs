using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Evidence;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Tenancy;

/// <summary>
/// The district home: one card per role with its next step; for Admins the getting started checklist; for teachers
/// their work in progress (with what to do next) and their badges.
/// </summary>
public sealed class HomeModel(ISender sender, CurrentMember member, ICurrentUser user) : PageModel, IReloadable
{
    public DistrictProfile Profile { get; private set; } = default!;
    public DistrictRole Roles { get; private set; }
    public GettingStartedChecklist? Checklist { get; private set; }

    /// <summary>False for an organisation that only recognizes credit: its home offers no design, assessment or issuing.</summary>
    public bool IssuesCredentials { get; private set; } = true;
    public IReadOnlyList<AttentionItem> Attention { get; private set; } = [];
    public MyCredentials? Mine { get; private set; }
    /// <summary>For Admins of an unverified district: today's emails to people outside it against the cap.</summary>
    public OutsideEmailAllowance? Allowance { get; private set; }
    public string UserName => user.Name ?? user.Email ?? "";

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct)
    {
        Profile = await sender.Send(new GetDistrictProfile(), ct);
        Roles = await member.RolesAsync(ct);
        IssuesCredentials = (await sender.Send(new GetDistrictUse(), ct)).IssuesCredentials;
        if (Roles.HasFlag(DistrictRole.Admin))
        {
            // An organisation that only recognizes credit has no first badge to reach.
            Checklist = IssuesCredentials ? await sender.Send(new GetGettingStarted(), ct) : null;
            Attention = await sender.Send(new GetWorkNeedingAttention(), ct);
            Allowance = await sender.Send(new GetOutsideEmailAllowance(), ct);
        }
        if (Roles.HasFlag(DistrictRole.Earner)) Mine = await sender.Send(new GetMyCredentials(), ct);
    }

    public async Task<IActionResult> OnPostDismissGettingStartedAsync(CancellationToken ct)
    {
        await sender.Send(new DismissGettingStarted(), ct);
        TempData["Status"] = "The getting started checklist is put away.";
        return RedirectToPage();
    }

    /// <summary>The teacher's next action on one piece of work: what to do, and where.</summary>
    public (string Text, string Url) NextAction(CredentialProgress c) => c.Status switch
    {
        SubmissionStatus.Draft => ($"Continue: {c.Done} of {c.Required} required items done", $"/{Profile.Slug}/evidence/submissions/{c.SubmissionId}"),
        SubmissionStatus.Submitted or SubmissionStatus.InReview => ("Being assessed: nothing to do for now", $"/{Profile.Slug}/evidence/submissions/{c.SubmissionId}"),
        SubmissionStatus.Scored => ("Scored: waiting for the Issuer's decision", $"/{Profile.Slug}/evidence/submissions/{c.SubmissionId}"),
        SubmissionStatus.NotYet => ("Not yet: read the feedback and try again", $"/{Profile.Slug}/evidence/submissions/{c.SubmissionId}/feedback"),
        _ => ("Awarded: see the badge in your backpack", "/backpack"),
    };

    /// <summary>The first thing to do in each role, and where.</summary>
    public (string Text, string Url) NextStep(DistrictRole role) => role switch
    {
        DistrictRole.Admin => ("Invite people and give them roles", $"/{Profile.Slug}/admin/members"),
        DistrictRole.Developer => ("Design a micro-credential", $"/{Profile.Slug}/design"),
        DistrictRole.Earner => Mine?.Credentials.FirstOrDefault(c => c.Status == SubmissionStatus.Draft) is { } draft
            ? ("Continue your work", $"/{Profile.Slug}/evidence/submissions/{draft.SubmissionId}")
            : ("Choose a micro-credential from the catalog", $"/{Profile.Slug}/catalog"),
        DistrictRole.Assessor => ("Open your work to score", $"/{Profile.Slug}/assessment"),
        DistrictRole.Issuer => ("Decide on scored work", $"/{Profile.Slug}/issuing/decisions"),
        _ => ("Review credit requests", $"/{Profile.Slug}/recognition"),
    };
}
