using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Recognition;
using MicroCred.Domain.Recognition;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Recognition.Workspace;

/// <summary>
/// The organisation's recognition rules. Adding one starts by choosing where the badge comes from: a district on
/// this platform (then one of its published micro-credentials or stacks) or another Open Badges issuer (then its
/// badge class URL).
/// </summary>
public sealed class RulesModel(ISender sender) : PageModel, IReloadable
{
    public const string External = "external";

    [BindProperty]
    public RuleInput Input { get; set; } = new();

    /// <summary>Where the badge of the new rule comes from: a district slug or <see cref="External"/>.</summary>
    [FromQuery(Name = "source")]
    public string? Source { get; set; }

    public RulesView View { get; private set; } = default!;
    public PublicCatalog? Catalog { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Input.Source = Source;
        await ReloadAsync(ct);
        return Page();
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        View = await sender.Send(new GetRecognitionRules(), ct);
        var source = Input.Source;
        if (!string.IsNullOrEmpty(source) && source != External)
        {
            try
            {
                Catalog = await sender.Send(new GetRecognizableBadges(source), ct);
            }
            catch (NotFoundException)
            {
                ModelState.AddModelError("", "There is no district with that address: choose one from the list.");
                Input.Source = null;
            }
        }
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        AddRecognitionRule command;
        if (Input.Source == External)
        {
            command = new AddRecognitionRule(RuleTarget.ExternalBadgeClass, Input.CreditTypeId, Input.Units, Input.BadgeClassUrl, Input.DisplayName);
        }
        else
        {
            var (target, itemId) = ParseItem(Input.ItemId);
            command = new AddRecognitionRule(target, Input.CreditTypeId, Input.Units, SourceDistrict: Input.Source, ItemId: itemId);
        }
        await sender.Send(command, ct);
        TempData["Status"] = "Rule added: requests for this badge will show it.";
        return RedirectToPage(new { source = (string?)null });
    }

    public async Task<IActionResult> OnPostChangeAsync(Guid ruleId, Guid? creditTypeId, decimal? units, CancellationToken ct)
    {
        await sender.Send(new ChangeRuleCredit(ruleId, creditTypeId, units), ct);
        TempData["Status"] = "Rule saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid ruleId, bool active, CancellationToken ct)
    {
        await sender.Send(new SetRuleActive(ruleId, active), ct);
        TempData["Status"] = active ? "Rule turned on." : "Rule turned off: it no longer matches new requests.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAssessedAsync(Guid ruleId, bool required, CancellationToken ct)
    {
        await sender.Send(new SetRuleRequiresAssessed(ruleId, required), ct);
        TempData["Status"] = required ? "Rule saved: only badges earned through assessment count." : "Rule saved: badges issued without assessment count too.";
        return RedirectToPage();
    }

    /// <summary>"Credential:{id}" or "Stack:{id}", as the item list's values are written.</summary>
    private static (RuleTarget Target, Guid? Id) ParseItem(string? value)
    {
        var parts = (value ?? "").Split(':', 2);
        var target = parts[0] == nameof(RuleTarget.Stack) ? RuleTarget.Stack : RuleTarget.Credential;
        return (target, parts.Length == 2 && Guid.TryParse(parts[1], out var id) ? id : null);
    }

    public static string ItemValue(RuleTarget target, Guid id) => $"{target}:{id}";

    public sealed class RuleInput
    {
        public string? Source { get; set; }
        public string? ItemId { get; set; }
        public string? BadgeClassUrl { get; set; }
        public string? DisplayName { get; set; }
        public Guid? CreditTypeId { get; set; }
        public decimal? Units { get; set; }
    }
}
