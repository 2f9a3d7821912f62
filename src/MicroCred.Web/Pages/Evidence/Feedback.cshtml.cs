using Mediator;
using MicroCred.Application.Features.Assessment;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Evidence;

/// <summary>The earner's criterion-level feedback on one of their submissions, once it is scored (principle M).</summary>
public sealed class FeedbackModel(ISender sender) : PageModel
{
    [FromRoute]
    public Guid SubmissionId { get; set; }

    public SubmissionFeedback Feedback { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => Feedback = await sender.Send(new GetMyFeedback(SubmissionId), ct);
}
