using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Application.Features.Public;
using MicroCred.Domain.Common;
using MicroCred.Domain.Recognition;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Recognition;

/// <summary>The recognizer's inbox: requests waiting for a decision (oldest first) and the latest decisions.</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record GetCreditInbox : IQuery<CreditInbox>;

public sealed record CreditInbox(IReadOnlyList<InboxRow> Pending, IReadOnlyList<InboxRow> Decided, int CreditTypes, int ActiveRules);

public sealed record InboxRow(Guid Id, string Requester, string RequesterEmail, string BadgeName, string? IssuerName, DateTimeOffset SubmittedAt,
    int Matches, CreditRequestStatus Status, DateTimeOffset? DecidedAt, decimal? Units, string? CreditUnit);

public sealed class GetCreditInboxHandler(AppDbContext db) : IQueryHandler<GetCreditInbox, CreditInbox>
{
    public const int DecidedShown = 50;

    public async ValueTask<CreditInbox> Handle(GetCreditInbox query, CancellationToken ct)
    {
        var rows = db.CreditRequests.AsNoTracking().Join(db.Users, r => r.RequesterId, u => u.Id, (r, u) => new { r, u });
        var pending = await rows.Where(x => x.r.Status == CreditRequestStatus.Pending).OrderBy(x => x.r.SubmittedAt)
            .Select(x => new InboxRow(x.r.Id, x.u.DisplayName, x.u.Email!, x.r.BadgeName, x.r.IssuerName, x.r.SubmittedAt, x.r.Matches.Count,
                x.r.Status, x.r.DecidedAt, x.r.Units, x.r.CreditUnit)).ToListAsync(ct);
        var decided = await rows.Where(x => x.r.Status != CreditRequestStatus.Pending).OrderByDescending(x => x.r.DecidedAt).Take(DecidedShown)
            .Select(x => new InboxRow(x.r.Id, x.u.DisplayName, x.u.Email!, x.r.BadgeName, x.r.IssuerName, x.r.SubmittedAt, x.r.Matches.Count,
                x.r.Status, x.r.DecidedAt, x.r.Units, x.r.CreditUnit)).ToListAsync(ct);
        return new CreditInbox(pending, decided, await db.CreditTypes.CountAsync(ct), await db.RecognitionRules.CountAsync(r => r.IsActive, ct));
    }
}

/// <summary>One request with its stored verification report and matching rules, for the recognizer to decide.</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record GetCreditRequest(Guid RequestId) : IQuery<CreditRequestView>;

public sealed record CreditRequestView(Guid Id, string Requester, string RequesterEmail, string? Note, DateTimeOffset SubmittedAt, BadgeSnapshot Badge,
    IReadOnlyList<RuleMatch> Matches, CreditRequestStatus Status, DateTimeOffset? DecidedAt, string? DecidedBy, string? DeclineReason,
    string? CreditTypeName, string? CreditUnit, decimal? Units, IReadOnlyList<CreditTypeOption> CreditTypes)
{
    public string? RescissionReason { get; init; }
}

public sealed class GetCreditRequestHandler(AppDbContext db) : IQueryHandler<GetCreditRequest, CreditRequestView>
{
    public async ValueTask<CreditRequestView> Handle(GetCreditRequest query, CancellationToken ct)
    {
        var request = await db.CreditRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.RequestId, ct)
            ?? throw new NotFoundException(nameof(CreditRequest), query.RequestId);
        var requester = await db.Users.AsNoTracking().Where(u => u.Id == request.RequesterId).Select(u => new { u.DisplayName, u.Email }).SingleAsync(ct);
        var decider = request.DecidedBy is { } by ? await db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) : null;
        var types = await db.CreditTypes.AsNoTracking().OrderBy(t => t.Name).Select(t => new CreditTypeOption(t.Id, t.Name, t.Unit)).ToListAsync(ct);
        return new CreditRequestView(request.Id, requester.DisplayName, requester.Email!, request.Note, request.SubmittedAt, request.Badge, request.Matches,
            request.Status, request.DecidedAt, decider, request.DeclineReason, request.CreditTypeName, request.CreditUnit, request.Units, types)
            { RescissionReason = request.RescissionReason };
    }
}

/// <summary>
/// Grants the credit: <see cref="Units"/> of the credit type, recorded with the recognizer and the date; the teacher is
/// emailed. The badge is verified again first: one revoked or expired since the request is refused with the new report.
/// </summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record ApproveCreditRequest(Guid RequestId, Guid? CreditTypeId, decimal? Units) : ICommand;

public sealed class ApproveCreditRequestValidator : AbstractValidator<ApproveCreditRequest>
{
    public ApproveCreditRequestValidator()
    {
        RuleFor(c => c.CreditTypeId).NotEmpty().WithMessage("Choose the credit type to grant.");
        RuleFor(c => c.Units).ValidCreditUnits("Enter how many units to grant.");
    }
}

/// <summary>Declines the request with a reason the teacher reads in their email and on their transcript.</summary>
[RequiresRole(DistrictRole.Recognizer)]
public sealed record DeclineCreditRequest(Guid RequestId, string? Reason) : ICommand;

public sealed class DeclineCreditRequestValidator : AbstractValidator<DeclineCreditRequest>
{
    public DeclineCreditRequestValidator() =>
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Tell the teacher why the request is declined.")
            .MaximumLength(CreditRequest.MaxReasonLength).WithMessage($"Keep the reason to {CreditRequest.MaxReasonLength} characters.");
}

public sealed class CreditDecisionHandlers(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock, EmailOutbox outbox, ILinkBuilder links,
    ISender sender)
    : ICommandHandler<ApproveCreditRequest>, ICommandHandler<DeclineCreditRequest>
{
    /// <summary>
    /// The badge's report now: its URL, signed badge or JSON is verified again (a baked image is checked through the
    /// assertion URL it carried). When nothing can be fetched again, the stored report stands, expired if its date passed.
    /// </summary>
    private async Task<BadgeSnapshot> ReverifyAsync(CreditRequest request, CancellationToken ct)
    {
        var stored = request.Badge;
        var now = clock.GetUtcNow();
        var source = stored.SourceKind is nameof(BadgeSourceKind.Url) or nameof(BadgeSourceKind.Jws) or nameof(BadgeSourceKind.Json) ? stored.Source
            : Uri.TryCreate(stored.AssertionId, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) ? stored.AssertionId
            : null;
        if (source is null) return stored.Expires is { } e && e <= now ? stored with { Verdict = SnapshotVerdict.Expired, VerifiedAt = now } : stored;
        var email = await db.Users.Where(u => u.Id == request.RequesterId).Select(u => u.Email).SingleAsync(ct);
        var verified = (await sender.Send(new VerifyBadges(source, null, email), ct)).Single();
        return RequestCreditHandler.Snapshot(verified, now);
    }

    public async ValueTask<Unit> Handle(ApproveCreditRequest command, CancellationToken ct)
    {
        var request = await RequestAsync(command.RequestId, ct);
        var type = await db.CreditTypes.SingleOrDefaultAsync(t => t.Id == command.CreditTypeId, ct)
            ?? throw new DomainException("Choose one of your own credit types.", nameof(ApproveCreditRequest.CreditTypeId));
        request.Approve(type, command.Units!.Value, user.Id!.Value, clock.GetUtcNow(), await ReverifyAsync(request, ct));
        var organisation = await OrganisationAsync(ct);
        await NotifyAsync(request, $"Credit granted: {request.BadgeName}",
        [
            $"{organisation} granted you {request.Units:0.##} {request.CreditUnit} ({request.CreditTypeName}) for your badge \"{request.BadgeName}\".",
            "It is on your credit transcript, with the credit from every other organisation.",
        ], ct);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(DeclineCreditRequest command, CancellationToken ct)
    {
        var request = await RequestAsync(command.RequestId, ct);
        request.Decline(command.Reason, user.Id!.Value, clock.GetUtcNow());
        var organisation = await OrganisationAsync(ct);
        await NotifyAsync(request, $"Credit request declined: {request.BadgeName}",
        [
            $"{organisation} declined your request for credit for your badge \"{request.BadgeName}\".",
            $"Their reason: {request.DeclineReason}",
        ], ct);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    private async Task<CreditRequest> RequestAsync(Guid id, CancellationToken ct) =>
        await db.CreditRequests.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException(nameof(CreditRequest), id);

    private async Task<string> OrganisationAsync(CancellationToken ct) =>
        await db.Districts.Where(d => d.Id == tenant.TenantId).Select(d => d.Name).SingleAsync(ct);

    private async Task NotifyAsync(CreditRequest request, string subject, IReadOnlyList<string> paragraphs, CancellationToken ct)
    {
        var email = await db.Users.Where(u => u.Id == request.RequesterId).Select(u => u.Email).SingleAsync(ct);
        if (email is not null) outbox.Queue(email, subject, paragraphs, "See your credit transcript", links.Absolute("/account/transcript"));
    }
}
