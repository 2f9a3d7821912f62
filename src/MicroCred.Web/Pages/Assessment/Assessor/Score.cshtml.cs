using Mediator;
using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Assessment;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Assessor;

/// <summary>
/// The scoring screen: evidence on one side, the rubric on the other. Drafts save as the assessor works (a script
/// posts the form every few seconds; "Save draft" does the same without script). Submitting refuses a criterion
/// below passing without feedback, criterion by criterion.
/// </summary>
public sealed class ScoreModel(ISender sender) : PageModel, IReloadable
{
    [FromRoute]
    public Guid SubmissionId { get; set; }

    [BindProperty]
    public ScoreInput Input { get; set; } = new();

    /// <summary>Why the assessor declares a conflict on this submission.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    public ScoringView View { get; private set; } = default!;

    public string District => HttpContext.District()!.Slug;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        Input = ScoreInput.From(View);
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        View = await sender.Send(new GetScoringSheet(SubmissionId), ct);
        if (Input.Criteria.Count == 0) Input = ScoreInput.From(View); // a refused release/conflict form: show the saved draft
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        await sender.Send(new SaveScoreDraft(SubmissionId, Input.ToScores(), Input.Overall), ct);
        TempData["Status"] = "Draft saved.";
        return RedirectToPage();
    }

    /// <summary>The script's autosave: the same as "Save draft", answered with JSON.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(CancellationToken ct)
    {
        var recommendation = await sender.Send(new SaveScoreDraft(SubmissionId, Input.ToScores(), Input.Overall), ct);
        return new JsonResult(new { saved = true, recommendation = recommendation == Recommendation.Award ? "Award" : "Not yet" });
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        ReviewProgress progress;
        try
        {
            progress = await sender.Send(new SubmitScore(SubmissionId, Input.ToScores(), Input.Overall), ct);
        }
        catch (ScoreIncompleteException incomplete)
        {
            // Each problem next to its criterion: the level choice or the feedback box.
            ModelState.AddModelError("", incomplete.Message);
            foreach (var problem in incomplete.Problems)
            {
                var index = Input.Criteria.FindIndex(c => c.CriterionId == problem.CriterionId);
                var missingLevel = index < 0 || Input.Criteria[index].LevelId is null;
                ModelState.AddModelError(index < 0 ? "" : $"Input.Criteria[{index}].{(missingLevel ? "LevelId" : "Feedback")}", problem.Message);
            }
            await ReloadAsync(ct);
            return Page();
        }
        TempData["Status"] = progress switch
        {
            ReviewProgress.NeedsAdjudication or ReviewProgress.WaitingForOtherScore => "Score submitted. Thank you.",
            _ => "Score submitted. Thank you: the earner can now read your feedback.",
        };
        return RedirectToPage("Index", new { district = RouteData.Values["district"] });
    }

    public async Task<IActionResult> OnPostReleaseAsync(CancellationToken ct)
    {
        await sender.Send(new ReleaseWork(SubmissionId), ct);
        TempData["Status"] = "The work went back to the queue.";
        return RedirectToPage("Index", new { district = RouteData.Values["district"] });
    }

    public async Task<IActionResult> OnPostConflictAsync(CancellationToken ct)
    {
        await sender.Send(new DeclareConflictOnSubmission(SubmissionId, Reason ?? ""), ct);
        TempData["Status"] = "Conflict of interest recorded. The work went back to the queue and you will not be given this earner's work.";
        return RedirectToPage("Index", new { district = RouteData.Values["district"] });
    }

    public sealed class ScoreInput
    {
        public List<CriterionInput> Criteria { get; set; } = [];
        public string? Overall { get; set; }

        public static ScoreInput From(ScoringView view) => new()
        {
            Criteria = view.Rubric.Criteria.Select(c => new CriterionInput
            {
                CriterionId = c.Id, LevelId = view.Sheet.For(c.Id)?.LevelId, Feedback = view.Sheet.For(c.Id)?.Feedback,
            }).ToList(),
            Overall = view.Sheet.Overall,
        };

        public IReadOnlyList<CriterionScore> ToScores() => Criteria.Select(c => new CriterionScore(c.CriterionId, c.LevelId, c.Feedback)).ToList();
    }

    public sealed class CriterionInput
    {
        public Guid CriterionId { get; set; }
        public Guid? LevelId { get; set; }
        public string? Feedback { get; set; }
    }
}
