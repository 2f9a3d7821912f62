using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Recognition;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Recognition;

/// <summary>The organisation's rules with the URL each matches, and the districts whose catalogs rules can come from.</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record GetRecognitionRules : IQuery<RulesView>;

public sealed record RulesView(IReadOnlyList<RuleRow> Rules, IReadOnlyList<CreditTypeOption> CreditTypes, IReadOnlyList<DistrictOption> Districts);

public sealed record RuleRow(Guid Id, RuleTarget Target, string DisplayName, string? Url, string? SourceDistrict, Guid CreditTypeId,
    string CreditTypeName, string Unit, decimal Units, bool IsActive)
{
    /// <summary>Only badges earned through assessment count (not prior learning or migrated records).</summary>
    public bool RequiresAssessed { get; init; }
}

public sealed record CreditTypeOption(Guid Id, string Name, string Unit);

public sealed record DistrictOption(string Slug, string Name);

public sealed class GetRecognitionRulesHandler(AppDbContext db, ILinkBuilder links) : IQueryHandler<GetRecognitionRules, RulesView>
{
    public async ValueTask<RulesView> Handle(GetRecognitionRules query, CancellationToken ct)
    {
        var types = await db.CreditTypes.AsNoTracking().OrderBy(t => t.Name).Select(t => new CreditTypeOption(t.Id, t.Name, t.Unit)).ToListAsync(ct);
        var rules = await db.RecognitionRules.AsNoTracking().OrderByDescending(r => r.IsActive).ThenBy(r => r.DisplayName).ToListAsync(ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Name).Select(d => new DistrictOption(d.Slug, d.Name)).ToListAsync(ct);
        var names = districts.ToDictionary(d => d.Slug, d => d.Name);
        var rows = rules.Select(r =>
        {
            var type = types.First(t => t.Id == r.CreditTypeId);
            return new RuleRow(r.Id, r.Target, r.DisplayName, RuleMatching.UrlOf(r, links.BaseUrl),
                r.SourceDistrictSlug is { } slug ? names.GetValueOrDefault(slug, slug) : null, r.CreditTypeId, type.Name, type.Unit, r.Units, r.IsActive)
                { RequiresAssessed = r.RequiresAssessed };
        }).ToList();
        return new RulesView(rows, types, districts);
    }
}

/// <summary>What a rule can recognise from one district: its published micro-credentials and stacks.</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record GetRecognizableBadges(string District) : IQuery<PublicCatalog>;

public sealed class GetRecognizableBadgesHandler(PublicCatalogReader catalogs) : IQueryHandler<GetRecognizableBadges, PublicCatalog>
{
    public async ValueTask<PublicCatalog> Handle(GetRecognizableBadges query, CancellationToken ct) =>
        await catalogs.ReadAsync(query.District, ct) ?? throw new NotFoundException("District", query.District);
}

/// <summary>
/// "This badge counts for <see cref="Units"/> of the credit type." For <see cref="RuleTarget.ExternalBadgeClass"/>
/// give <see cref="BadgeClassUrl"/> and <see cref="DisplayName"/>; for a micro-credential or stack of this platform
/// give <see cref="SourceDistrict"/> and <see cref="ItemId"/> (the name comes from the catalog).
/// </summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record AddRecognitionRule(
    RuleTarget Target, Guid? CreditTypeId, decimal? Units,
    string? BadgeClassUrl = null, string? DisplayName = null, string? SourceDistrict = null, Guid? ItemId = null) : ICommand<Guid>;

public sealed class AddRecognitionRuleValidator : AbstractValidator<AddRecognitionRule>
{
    public AddRecognitionRuleValidator()
    {
        RuleFor(c => c.CreditTypeId).NotEmpty().WithMessage("Choose the credit type this badge earns.");
        RuleFor(c => c.Units).ValidCreditUnits("Enter how many units this badge earns.");
        When(c => c.Target == RuleTarget.ExternalBadgeClass, () =>
        {
            RuleFor(c => c.BadgeClassUrl).NotEmpty().WithMessage("Enter the badge class URL (its id, starting with https://).")
                .MaximumLength(RecognitionRule.MaxUrlLength)
                .Must(WebAddress.IsHttp)
                .When(c => !string.IsNullOrWhiteSpace(c.BadgeClassUrl))
                .WithMessage("The badge class URL must be a web address starting with https:// or http://.");
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Name the badge, as recognizers and teachers will see it.")
                .MaximumLength(RecognitionRule.MaxNameLength);
        }).Otherwise(() =>
        {
            RuleFor(c => c.SourceDistrict).NotEmpty().WithMessage("Choose the district that issues the badge.");
            RuleFor(c => c.ItemId).NotEmpty().WithMessage(c => c.Target == RuleTarget.Stack ? "Choose the stack." : "Choose the micro-credential.");
        });
        RuleFor(c => c.Target).IsInEnum();
    }
}

public sealed class AddRecognitionRuleHandler(AppDbContext db, ITenantContext tenant, TimeProvider clock, PublicCatalogReader catalogs)
    : ICommandHandler<AddRecognitionRule, Guid>
{
    public async ValueTask<Guid> Handle(AddRecognitionRule command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var type = await db.CreditTypes.SingleOrDefaultAsync(t => t.Id == command.CreditTypeId, ct)
            ?? throw new DomainException("Choose one of your own credit types.", nameof(AddRecognitionRule.CreditTypeId));
        RecognitionRule rule;
        if (command.Target == RuleTarget.ExternalBadgeClass)
        {
            rule = RecognitionRule.ForExternalBadge(tenant.TenantId!.Value, command.BadgeClassUrl, command.DisplayName, type, command.Units!.Value, now);
            var sameType = await db.RecognitionRules.AsNoTracking()
                .Where(r => r.Target == RuleTarget.ExternalBadgeClass && r.CreditTypeId == type.Id).Select(r => r.BadgeClassUrl).ToListAsync(ct);
            if (sameType.Any(u => RuleMatching.Same(u, rule.BadgeClassUrl)))
                throw new DomainException($"There is already a rule for this badge class and {type.Name}: change that one.", nameof(AddRecognitionRule.BadgeClassUrl));
        }
        else
        {
            var catalog = await catalogs.ReadAsync(command.SourceDistrict!, ct)
                ?? throw new DomainException("There is no district with that address.", nameof(AddRecognitionRule.SourceDistrict));
            var items = command.Target == RuleTarget.Stack ? catalog.Stacks : catalog.Credentials;
            var item = items.FirstOrDefault(i => i.Id == command.ItemId)
                ?? throw new DomainException(command.Target == RuleTarget.Stack
                    ? $"{catalog.Name} has no published stack with that id."
                    : $"{catalog.Name} has no published micro-credential with that id.", nameof(AddRecognitionRule.ItemId));
            if (await db.RecognitionRules.AnyAsync(r => r.SourceItemId == item.Id && r.CreditTypeId == type.Id, ct))
                throw new DomainException($"There is already a rule for \"{item.Name}\" and {type.Name}: change that one.", nameof(AddRecognitionRule.ItemId));
            rule = RecognitionRule.ForPlatformBadge(tenant.TenantId!.Value, command.Target, catalog.DistrictId, catalog.Slug, item.Id,
                $"{item.Name} ({catalog.Name})", type, command.Units!.Value, now);
        }
        db.RecognitionRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return rule.Id;
    }
}

/// <summary>Changes what a rule grants: its credit type and units.</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record ChangeRuleCredit(Guid RuleId, Guid? CreditTypeId, decimal? Units) : ICommand;

public sealed class ChangeRuleCreditValidator : AbstractValidator<ChangeRuleCredit>
{
    public ChangeRuleCreditValidator()
    {
        RuleFor(c => c.CreditTypeId).NotEmpty().WithMessage("Choose the credit type this badge earns.");
        RuleFor(c => c.Units).ValidCreditUnits("Enter how many units this badge earns.");
    }
}

/// <summary>Turns a rule on or off. An inactive rule stays listed and matches no new request.</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record SetRuleActive(Guid RuleId, bool Active) : ICommand;

/// <summary>Whether only badges earned through assessment count for a rule (a badge declaring another basis matches no new request).</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record SetRuleRequiresAssessed(Guid RuleId, bool Required) : ICommand;

public sealed class RuleChangeHandlers(AppDbContext db, TimeProvider clock)
    : ICommandHandler<ChangeRuleCredit>, ICommandHandler<SetRuleActive>, ICommandHandler<SetRuleRequiresAssessed>
{
    public async ValueTask<Unit> Handle(SetRuleRequiresAssessed command, CancellationToken ct)
    {
        var rule = await RuleAsync(command.RuleId, ct);
        rule.RequireAssessed(command.Required, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(ChangeRuleCredit command, CancellationToken ct)
    {
        var rule = await RuleAsync(command.RuleId, ct);
        var type = await db.CreditTypes.SingleOrDefaultAsync(t => t.Id == command.CreditTypeId, ct)
            ?? throw new DomainException("Choose one of your own credit types.", nameof(ChangeRuleCredit.CreditTypeId));
        rule.ChangeCredit(type, command.Units!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(SetRuleActive command, CancellationToken ct)
    {
        var rule = await RuleAsync(command.RuleId, ct);
        if (command.Active) rule.Activate(clock.GetUtcNow());
        else rule.Deactivate(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    private async Task<RecognitionRule> RuleAsync(Guid id, CancellationToken ct) =>
        await db.RecognitionRules.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException(nameof(RecognitionRule), id);
}
