using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Web.Infrastructure;
using MicroCred.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Design.Credentials;

/// <summary>A second Developer or an Admin reviews a draft against the CCSSO checklist and approves it for publishing.</summary>
public sealed class ReviewModel(ISender sender) : PageModel, IReloadable
{
    [FromRoute] public Guid Id { get; set; }

    [BindProperty] public ReviewInput Input { get; set; } = new();

    public CredentialReview Review { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;
    public string EditorPath => $"/{Slug}/design/credentials/{Id}";

    public CredentialViewModel View => new(Review.Content)
    {
        VersionNumber = Review.Number, IssuerName = HttpContext.District()!.Name,
    };

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Review = await sender.Send(new GetCredentialReview(Id), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new ApproveCredential(Id, Input.Confirmed, Input.Note), ct);
        TempData["Status"] = "Approved for publishing. Any change to its words now needs a new review.";
        return Redirect($"/{Slug}/design/credentials/{Id}/review");
    }
}

public sealed class ReviewInput
{
    /// <summary>The principles (A–J) the reviewer confirmed.</summary>
    public List<string> Confirmed { get; set; } = [];
    public string? Note { get; set; }
}
