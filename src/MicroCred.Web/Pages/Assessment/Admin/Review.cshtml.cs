using Mediator;
using MicroCred.Application.Features.Assessment;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Admin;

/// <summary>The whole review of one submission, for Admins.</summary>
public sealed class ReviewModel(ISender sender) : PageModel
{
    [FromRoute]
    public Guid SubmissionId { get; set; }

    public ReviewDetail Detail { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => Detail = await sender.Send(new GetReviewDetail(SubmissionId), ct);
}
