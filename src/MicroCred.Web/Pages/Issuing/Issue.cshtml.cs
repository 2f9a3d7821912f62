using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Issuing;

/// <summary>An Issuer awards a published micro-credential by hand to a member of the district.</summary>
public sealed class IssueModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty] public IssueInput Input { get; set; } = new();

    public IReadOnlyList<CredentialOption> Credentials { get; private set; } = [];
    public string Slug => HttpContext.District()!.Slug;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Credentials = await sender.Send(new ListAwardableCredentials(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var id = await sender.Send(new IssueBadge(Input.Email ?? "", Input.CredentialId ?? Guid.Empty, Input.Narrative, Input.EvidenceUrl, Input.Signed), ct);
        TempData["Status"] = $"Badge issued to {Input.Email!.Trim()}.";
        return Redirect($"/{Slug}/issuing/badges/{id}");
    }

    public sealed class IssueInput
    {
        public string? Email { get; set; }
        public Guid? CredentialId { get; set; }
        public string? Narrative { get; set; }
        public string? EvidenceUrl { get; set; }
        public bool Signed { get; set; }
    }
}
