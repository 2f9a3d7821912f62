using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Evidence;

/// <summary>An Admin recommends a published micro-credential to every member (no school) or to one school's members.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record RecommendCredential(Guid CredentialId, Guid? SchoolId, string? Note) : ICommand<Guid>;

public sealed class RecommendCredentialValidator : AbstractValidator<RecommendCredential>
{
    public RecommendCredentialValidator()
    {
        RuleFor(c => c.CredentialId).NotEmpty().WithMessage("Choose a micro-credential to recommend.");
        RuleFor(c => c.Note).MaximumLength(CredentialRecommendation.MaxNote).WithMessage($"Keep the note to {CredentialRecommendation.MaxNote} characters.");
    }
}

public sealed class RecommendCredentialHandler(AppDbContext db, ICurrentUser user, ITenantContext tenant, TimeProvider clock) : ICommandHandler<RecommendCredential, Guid>
{
    public async ValueTask<Guid> Handle(RecommendCredential command, CancellationToken ct)
    {
        if (!await db.CredentialVersions.AnyAsync(v => v.CredentialId == command.CredentialId && v.Status == VersionStatus.Published, ct))
            throw new NotFoundException("Published micro-credential", command.CredentialId);
        if (command.SchoolId is { } school && !await db.Schools.AnyAsync(s => s.Id == school, ct))
            throw new NotFoundException("School", school);
        if (await db.Recommendations.AnyAsync(r => r.CredentialId == command.CredentialId && r.SchoolId == command.SchoolId && r.WithdrawnAt == null, ct))
            throw new DomainException(command.SchoolId is null ? "This micro-credential is already recommended to every member." : "This micro-credential is already recommended to that school.", nameof(RecommendCredential.CredentialId));
        var recommendation = CredentialRecommendation.Make(tenant.TenantId!.Value, command.CredentialId, command.SchoolId, command.Note, user.Id!.Value, clock.GetUtcNow());
        db.Recommendations.Add(recommendation);
        await db.SaveChangesAsync(ct);
        return recommendation.Id;
    }
}

[RequiresRole(DistrictRole.Admin)]
public sealed record WithdrawRecommendation(Guid RecommendationId) : ICommand;

public sealed class WithdrawRecommendationHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<WithdrawRecommendation>
{
    public async ValueTask<Unit> Handle(WithdrawRecommendation command, CancellationToken ct)
    {
        var recommendation = await db.Recommendations.SingleOrDefaultAsync(r => r.Id == command.RecommendationId, ct)
            ?? throw new NotFoundException(nameof(CredentialRecommendation), command.RecommendationId);
        recommendation.Withdraw(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

/// <summary>The district's current recommendations, and what an Admin can choose from to add one.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetRecommendations : IQuery<RecommendationsView>;

public sealed record RecommendationsView(IReadOnlyList<RecommendationRow> Current, IReadOnlyList<Option> Credentials, IReadOnlyList<Option> Schools);

public sealed record RecommendationRow(Guid Id, Guid CredentialId, string Credential, string Audience, string? Note, DateTimeOffset RecommendedAt, string By);

public sealed record Option(Guid Id, string Name);

public sealed class GetRecommendationsHandler(AppDbContext db) : IQueryHandler<GetRecommendations, RecommendationsView>
{
    public async ValueTask<RecommendationsView> Handle(GetRecommendations query, CancellationToken ct)
    {
        var credentials = await db.CredentialVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published)
            .OrderBy(v => v.Name).Select(v => new Option(v.CredentialId, v.Name)).ToListAsync(ct);
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Name).Select(s => new Option(s.Id, s.Name)).ToListAsync(ct);
        var rows = await db.Recommendations.AsNoTracking().Where(r => r.WithdrawnAt == null).OrderByDescending(r => r.RecommendedAt)
            .Join(db.Users, r => r.RecommendedBy, u => u.Id, (r, u) => new { r, u.DisplayName }).ToListAsync(ct);
        var names = credentials.ToDictionary(c => c.Id, c => c.Name);
        var schoolNames = schools.ToDictionary(s => s.Id, s => s.Name);
        return new RecommendationsView(
            rows.Select(x => new RecommendationRow(x.r.Id, x.r.CredentialId, names.GetValueOrDefault(x.r.CredentialId, "(retired)"),
                x.r.SchoolId is { } s ? schoolNames.GetValueOrDefault(s, "a school") : "Every member", x.r.Note, x.r.RecommendedAt, x.DisplayName)).ToList(),
            credentials, schools);
    }
}
