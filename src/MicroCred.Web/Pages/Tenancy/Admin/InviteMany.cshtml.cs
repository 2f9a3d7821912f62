using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Tenancy.Admin;

/// <summary>
/// Invite many people at once: pasted lines or a CSV file. The answer lists who was invited and every refused line
/// with its reason; the refused lines are put back in the box to be corrected and sent again.
/// </summary>
[Throttled(Throttled.Invitation)]
public sealed class InviteManyModel(ISender sender) : PageModel
{
    [BindProperty]
    public InviteManyInput Input { get; set; } = new();

    public BulkInvitation? Result { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var rows = Input.Rows ?? "";
        if (Input.File is { Length: > 0 } file)
        {
            if (file.Length > InviteManyValidator.MaxLength)
            {
                ModelState.AddModelError("Input.Rows", $"Choose a CSV file under {InviteManyValidator.MaxLength / 1000} KB; split the list in parts.");
                return Page();
            }
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            rows = CsvFile.Decode(buffer.ToArray(), "Rows");
        }
        Result = await sender.Send(new InviteMany(rows), ct);
        // What was refused stays in the box, to be corrected and sent again; what was sent is gone from it.
        ModelState.Remove("Input.Rows");
        Input.Rows = string.Join("\n", Result.Refused.Select(r => r.Text));
        return Page();
    }

    public sealed class InviteManyInput
    {
        public string? Rows { get; set; }
        public IFormFile? File { get; set; }
    }
}
