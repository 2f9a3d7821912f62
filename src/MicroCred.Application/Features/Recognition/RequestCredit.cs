using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Public;
using MicroCred.Domain.Common;
using MicroCred.Domain.Recognition;
using MicroCred.OpenBadges.Verification;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Recognition;

/// <summary>Every organisation a teacher can ask for credit: districts that have defined credit types.</summary>
[RequiresSignIn]
public sealed record ListRecognizers : IQuery<IReadOnlyList<RecognizerOption>>;

public sealed record RecognizerOption(string Slug, string Name);

public sealed class ListRecognizersHandler(AppDbContext db) : IQueryHandler<ListRecognizers, IReadOnlyList<RecognizerOption>>
{
    public async ValueTask<IReadOnlyList<RecognizerOption>> Handle(ListRecognizers query, CancellationToken ct) =>
        await db.Districts.AsNoTracking().Where(d => d.AcceptsCreditRequests).OrderBy(d => d.Name)
            .Select(d => new RecognizerOption(d.Slug, d.Name)).ToListAsync(ct);
}

/// <summary>
/// What a teacher sees before asking this organisation for credit: its credit types and the badges its active
/// rules recognise (the organisation publishes these so teachers know what counts). No one's requests.
/// </summary>
[RequiresSignIn]
public sealed record GetCreditOffer : IQuery<CreditOffer>;

public sealed record CreditOffer(string Name, IReadOnlyList<CreditTypeOption> CreditTypes, IReadOnlyList<OfferedRule> Rules);

public sealed record OfferedRule(string BadgeName, string? Url, string CreditTypeName, string Unit, decimal Units);

public sealed class GetCreditOfferHandler(AppDbContext db, ITenantContext tenant, ILinkBuilder links) : IQueryHandler<GetCreditOffer, CreditOffer>
{
    public async ValueTask<CreditOffer> Handle(GetCreditOffer query, CancellationToken ct)
    {
        var district = await db.Districts.AsNoTracking().Where(d => d.Id == tenant.TenantId && d.AcceptsCreditRequests).Select(d => d.Name).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Recognizer", tenant.Slug ?? "");
        var types = await db.CreditTypes.AsNoTracking().OrderBy(t => t.Name).Select(t => new CreditTypeOption(t.Id, t.Name, t.Unit)).ToListAsync(ct);
        var rules = await db.RecognitionRules.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.DisplayName).ToListAsync(ct);
        return new CreditOffer(district, types, rules.Select(r =>
        {
            var type = types.First(t => t.Id == r.CreditTypeId);
            return new OfferedRule(r.DisplayName, RuleMatching.UrlOf(r, links.BaseUrl), type.Name, type.Unit, r.Units);
        }).ToList());
    }
}

/// <summary>
/// A signed-in teacher asks this organisation (the district of the path) for credit for one badge: its assertion
/// URL or signed badge (<see cref="Badge"/>), or a baked PNG/SVG image (<see cref="File"/>). The server verifies it
/// with the public verifier, checks the recipient against the teacher's email, and files the request with the
/// report and the rules it meets. A badge that is not valid is refused with its report
/// (<see cref="BadgeNotCreditableException"/>).
/// </summary>
[RequiresSignIn]
public sealed record RequestCredit(string? Badge, BadgeFile? File = null, string? Note = null) : ICommand<Guid>
{
    [NotAudited]
    public BadgeFile? File { get; init; } = File;
}

public sealed class RequestCreditValidator : AbstractValidator<RequestCredit>
{
    public RequestCreditValidator()
    {
        RuleFor(c => c.Badge).Must((c, badge) => !string.IsNullOrWhiteSpace(badge) || c.File is { Content.Length: > 0 })
            .WithMessage("Paste your badge's URL or signed badge, or choose a baked badge image.");
        RuleFor(c => c.Badge).Must((c, badge) => string.IsNullOrWhiteSpace(badge) || c.File is not { Content.Length: > 0 })
            .WithMessage("Give one badge at a time: either paste it or choose an image, not both.");
        RuleFor(c => c.Badge).Must(b => VerifyBadges.Lines(b).Count <= 1).When(c => !string.IsNullOrWhiteSpace(c.Badge))
            .WithMessage("Ask for one badge at a time: paste a single URL or signed badge.");
        RuleFor(c => c.Badge).MaximumLength(64 * 1024).WithMessage("That is too long to be a badge URL or a signed badge.");
        RuleFor(c => c.Note).MaximumLength(CreditRequest.MaxNoteLength).WithMessage($"Keep the note to {CreditRequest.MaxNoteLength} characters.");
    }
}

public sealed class RequestCreditHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, ISender sender, TimeProvider clock, ILinkBuilder links)
    : ICommandHandler<RequestCredit, Guid>
{
    public async ValueTask<Guid> Handle(RequestCredit command, CancellationToken ct)
    {
        var tenantId = tenant.TenantId ?? throw new NotFoundException("Recognizer", "");
        if (!await db.Districts.AnyAsync(d => d.Id == tenantId && d.AcceptsCreditRequests, ct))
            throw new NotFoundException("Recognizer", tenant.Slug ?? "");
        var me = user.Id!.Value;

        var files = command.File is { Content.Length: > 0 } file ? new[] { file } : [];
        var text = files.Length > 0 ? null : command.Badge;
        var verified = (await sender.Send(new VerifyBadges(text, files, user.Email), ct)).Single();
        var badge = Snapshot(verified, clock.GetUtcNow());

        var rules = await db.RecognitionRules.AsNoTracking().Where(r => r.IsActive).ToListAsync(ct);
        var types = await db.CreditTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, ct);
        var matches = rules.Where(r => RuleMatching.Matches(r, links.BaseUrl, badge.BadgeClassId, badge.CriteriaId, badge.NotAssessedBasis))
            .Select(r => new RuleMatch(r.Id, r.DisplayName, r.CreditTypeId, types[r.CreditTypeId].Name, types[r.CreditTypeId].Unit, r.Units))
            .ToList();
        var earlier = badge.AssertionId is null ? [] : await db.CreditRequests
            .Where(r => r.RequesterId == me && r.AssertionId == badge.AssertionId).ToListAsync(ct);

        var request = CreditRequest.Submit(tenantId, me, badge, matches, earlier, command.Note, clock.GetUtcNow());
        db.CreditRequests.Add(request);
        await db.SaveChangesAsync(ct);
        return request.Id;
    }

    public static BadgeSnapshot Snapshot(VerifiedBadge v, DateTimeOffset now) =>
        new(Verdict(v.Verdict), v.SourceKind.ToString(), v.Source, now,
            v.Checks.Select(c => new SnapshotCheck(c.Name, c.Outcome.ToString(), c.Message)).ToList())
        {
            Method = v.Method?.ToString(),
            AssertionId = v.AssertionId,
            BadgeClassId = v.BadgeClassId,
            CriteriaId = v.CriteriaId,
            BadgeName = v.BadgeName,
            BadgeDescription = v.BadgeDescription,
            IssuerName = v.IssuerName,
            IssuerUrl = v.IssuerUrl,
            IssuedOn = v.IssuedOn,
            Expires = v.Expires,
            RevocationReason = v.RevocationReason,
            RecipientMatches = v.RecipientMatches,
            NotAssessedBasis = v.NotAssessedBasis,
        };

    private static SnapshotVerdict Verdict(BadgeVerdict verdict) => verdict switch
    {
        BadgeVerdict.Valid => SnapshotVerdict.Valid,
        BadgeVerdict.Revoked => SnapshotVerdict.Revoked,
        BadgeVerdict.Expired => SnapshotVerdict.Expired,
        _ => SnapshotVerdict.Invalid,
    };
}
