using System.Text.Json.Nodes;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Design;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Baking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Application.Features.Public;

/// <summary>An issuer Profile (<c>/public/issuers/{districtId}</c>).</summary>
public sealed record GetPublicIssuer(Guid DistrictId) : IQuery<JsonObject>;

/// <summary>A BadgeClass: a published credential version's, or a published stack's (<c>/public/badges/{id}</c>).</summary>
public sealed record GetPublicBadgeClass(Guid Id) : IQuery<JsonObject>;

/// <summary>A CryptographicKey (<c>/public/keys/{id}</c>).</summary>
public sealed record GetPublicKey(Guid Id) : IQuery<JsonObject>;

/// <summary>The issuer's RevocationList (<c>/public/issuers/{districtId}/revocations</c>): its revoked signed assertions.</summary>
public sealed record GetPublicRevocationList(Guid DistrictId) : IQuery<JsonObject>;

/// <summary>An Assertion with what its public verification page shows (<c>/public/assertions/{id}</c>).</summary>
public sealed record GetPublicAssertion(Guid Id) : IQuery<PublicAssertion>;

/// <summary>A BadgeClass image (<c>/public/badges/{id}/image</c>).</summary>
public sealed record GetPublicBadgeImage(Guid Id) : IQuery<ImageFile>;

/// <summary>The assertion baked into its badge image: PNG (<c>/public/assertions/{id}/image</c>) or SVG (<c>….svg</c>).</summary>
public sealed record GetBakedBadge(Guid AssertionId, bool Svg) : IQuery<ImageFile>;

/// <summary>One standard the badge aligns to, as the page shows it.</summary>
public sealed record PublicAlignment(string Framework, string? Code, string Name, string? Url);

/// <summary>
/// Everything public about one assertion: its JSON as served, and what the verification page shows. Never the
/// recipient's email; their name only when they allow it.
/// </summary>
public sealed record PublicAssertion(
    Guid Id, Guid DistrictId, string DistrictSlug, JsonObject Json, string AssertionUrl,
    DateTimeOffset IssuedOn, DateTimeOffset? Expires, DateTimeOffset? RevokedAt, string? RevocationReason, bool Signed,
    string BadgeName, string BadgeDescription, string BadgeClassUrl, string BadgeImageUrl, string CriteriaUrl, string CriteriaNarrative,
    IReadOnlyList<string> RubricCriteria, IReadOnlyList<string> RubricLevels, string? PassingLevel, IReadOnlyList<string> StackCredentials,
    IReadOnlyList<PublicAlignment> Alignments, IReadOnlyList<string> Tags,
    string IssuerName, string IssuerWebsite, string IssuerProfileUrl,
    string? RecipientName, string? EvidenceUrl, string? Narrative, string Salt, string IdentityHash)
{
    /// <summary>Why it was issued: assessed here, a stack, or (not assessed here) prior learning or a migration.</summary>
    public AwardBasis Basis { get; init; }

    public bool IsRevoked => RevokedAt is not null;

    public AssertionStatus StatusAt(DateTimeOffset now) =>
        IsRevoked ? AssertionStatus.Revoked : Expires is { } e && e <= now ? AssertionStatus.Expired : AssertionStatus.Valid;

    /// <summary>Whether the badge was awarded to <paramref name="email"/>, checked against the salted hash.</summary>
    public bool IsFor(string? email) =>
        !string.IsNullOrWhiteSpace(email) && new Recipient(Recipient.EmailType, IdentityHash, true, Salt).Matches(email);
}

/// <summary>The evidence an earner made public, linked from their badge (<c>/public/assertions/{id}/evidence</c>).</summary>
public sealed record GetPublicEvidence(Guid AssertionId) : IQuery<PublicEvidence>;

public sealed record PublicEvidence(Guid AssertionId, string AssertionUrl, string BadgeName, string IssuerName, DateTimeOffset IssuedOn,
    IReadOnlyList<PublicEvidenceSection> Sections);

public sealed record PublicEvidenceSection(string Title, string Instructions, IReadOnlyList<PublicEvidenceItem> Items);

/// <summary>A reflection's text, a link, or an uploaded file's name (the files themselves stay private).</summary>
public sealed record PublicEvidenceItem(MicroCred.Domain.Evidence.EvidenceItemKind Kind, string? Text, string? Url, string? Title);

/// <summary>
/// The one narrow path to public Open Badges documents. Their URLs name no district, so the owner is looked up in the
/// global directory of public ids (<see cref="PublicDocument"/>); the document is then read in a scope of its own
/// acting in that district (query filters and row-level security apply as everywhere), and only published versions,
/// published stacks, issued assertions and keys are ever read, projected into the public documents.
/// </summary>
public sealed class PublicBadgeDocumentsHandler(IServiceScopeFactory scopes, BadgeLinks links)
    : IQueryHandler<GetPublicIssuer, JsonObject>, IQueryHandler<GetPublicBadgeClass, JsonObject>, IQueryHandler<GetPublicKey, JsonObject>,
      IQueryHandler<GetPublicRevocationList, JsonObject>, IQueryHandler<GetPublicAssertion, PublicAssertion>,
      IQueryHandler<GetPublicBadgeImage, ImageFile>, IQueryHandler<GetBakedBadge, ImageFile>, IQueryHandler<GetPublicEvidence, PublicEvidence>
{
    private sealed record Reading(AppDbContext Db, TenantContext Tenant, District District, PublicDocumentKind? Kind, IServiceProvider Services);

    public ValueTask<JsonObject> Handle(GetPublicIssuer query, CancellationToken ct) =>
        InDistrictAsync(query.DistrictId, null, query.DistrictId, async r =>
        {
            var keys = await r.Db.IssuerKeys.AsNoTracking().OrderBy(k => k.CreatedAt).Select(k => k.Id).ToListAsync(ct);
            return BadgeDocuments.Issuer(r.District, keys, links).ToJson();
        }, "Issuer", ct);

    public ValueTask<JsonObject> Handle(GetPublicBadgeClass query, CancellationToken ct) =>
        InDistrictAsync(query.Id, [PublicDocumentKind.BadgeClass, PublicDocumentKind.StackBadge], null, async r =>
        {
            if (r.Kind == PublicDocumentKind.BadgeClass)
            {
                var version = await PublishedVersionAsync(r.Db, query.Id, ct);
                return BadgeDocuments.CredentialBadge(version, r.District.Slug, links).ToJson();
            }
            var (stack, names) = await PublishedStackAsync(r.Db, query.Id, ct);
            return BadgeDocuments.StackBadge(stack, r.District.Slug, names, links).ToJson();
        }, "BadgeClass", ct);

    public ValueTask<JsonObject> Handle(GetPublicKey query, CancellationToken ct) =>
        InDistrictAsync(query.Id, [PublicDocumentKind.Key], null, async r =>
        {
            var key = await r.Db.IssuerKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == query.Id, ct) ?? throw new NotFoundException("Key", query.Id);
            return BadgeDocuments.Key(key, links).ToJson();
        }, "Key", ct);

    public ValueTask<JsonObject> Handle(GetPublicRevocationList query, CancellationToken ct) =>
        InDistrictAsync(query.DistrictId, null, query.DistrictId, async r =>
        {
            var revoked = await r.Db.Assertions.AsNoTracking()
                .Where(a => a.RevokedAt != null && a.Verification == BadgeVerification.Signed)
                .OrderBy(a => a.RevokedAt).Select(a => new { a.Id, a.RevocationReason }).ToListAsync(ct);
            return BadgeDocuments.RevocationList(r.District.Id, revoked.Select(x => (x.Id, x.RevocationReason)), links).ToJson();
        }, "RevocationList", ct);

    public ValueTask<PublicAssertion> Handle(GetPublicAssertion query, CancellationToken ct) =>
        InDistrictAsync(query.Id, [PublicDocumentKind.Assertion], null, async r =>
        {
            var a = await r.Db.Assertions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, ct) ?? throw new NotFoundException("Assertion", query.Id);
            string description, criteriaUrl, narrative;
            IReadOnlyList<string> criteria = [], levels = [], stackCredentials = [], tags = [];
            IReadOnlyList<PublicAlignment> alignments = [];
            string? passing = null;
            if (a.CredentialVersionId is { } versionId)
            {
                var version = await PublishedVersionAsync(r.Db, versionId, ct);
                var content = version.Content;
                var badge = BadgeDocuments.CredentialBadge(version, r.District.Slug, links);
                (description, criteriaUrl, narrative) = (badge.Description, badge.Criteria.Url!, badge.Criteria.Narrative!);
                criteria = [.. content.Rubric.Criteria.Select(c => c.Title)];
                levels = [.. content.Rubric.Levels.Select(l => l.Name)];
                passing = content.Rubric.PassingLevel?.Name;
                alignments = [.. content.Alignments.Select(x => new PublicAlignment(x.Framework, x.Code, x.Name, x.Url))];
                tags = version.Tags;
            }
            else
            {
                var (stack, names) = await PublishedStackAsync(r.Db, a.StackId!.Value, ct);
                var badge = BadgeDocuments.StackBadge(stack, r.District.Slug, names, links);
                (description, criteriaUrl, narrative) = (badge.Description, badge.Criteria.Url!, badge.Criteria.Narrative!);
                stackCredentials = names;
            }
            var badgeId = a.CredentialVersionId ?? a.StackId!.Value;
            return new PublicAssertion(
                a.Id, r.District.Id, r.District.Slug, BadgeDocuments.Assertion(a, links).ToJson(), links.Assertion(a.Id),
                a.IssuedOn, a.Expires, a.RevokedAt, a.RevocationReason, a.IsSigned,
                a.BadgeName, description, links.BadgeClass(badgeId), links.BadgeImage(badgeId), criteriaUrl, narrative,
                criteria, levels, passing, stackCredentials, alignments, tags,
                r.District.IssuerName, r.District.Website ?? links.DistrictHome(r.District.Slug), links.Issuer(r.District.Id),
                a.ShowRecipientName ? a.RecipientName : null, a.EvidenceUrl, a.Narrative, a.Salt, a.IdentityHash) { Basis = a.Basis };
        }, "Assertion", ct);

    /// <summary>Only while the badge links it: not revoked, and the earner has made the evidence public.</summary>
    public ValueTask<PublicEvidence> Handle(GetPublicEvidence query, CancellationToken ct) =>
        InDistrictAsync(query.AssertionId, [PublicDocumentKind.Assertion], null, async r =>
        {
            var a = await r.Db.Assertions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.AssertionId, ct);
            if (a is not { RevokedAt: null, EvidenceUrl: not null, SubmissionId: { } submissionId, CredentialVersionId: { } versionId })
                throw new NotFoundException("Evidence", query.AssertionId);
            var submission = await r.Db.Submissions.AsNoTracking().Include(s => s.Items).SingleOrDefaultAsync(s => s.Id == submissionId && s.EvidencePublic, ct)
                ?? throw new NotFoundException("Evidence", query.AssertionId);
            var content = (await PublishedVersionAsync(r.Db, versionId, ct)).Content;
            var sections = content.Prompts.Select(p => new PublicEvidenceSection(p.Title, p.Instructions,
                submission.Items.Where(i => i.PromptId == p.Id).OrderBy(i => i.CreatedAt)
                    .Select(i => new PublicEvidenceItem(i.Kind, i.Text, i.Url, i.Title)).ToList())).ToList();
            return new PublicEvidence(a.Id, links.Assertion(a.Id), a.BadgeName, r.District.IssuerName, a.IssuedOn, sections);
        }, "Evidence", ct);

    public ValueTask<ImageFile> Handle(GetPublicBadgeImage query, CancellationToken ct) =>
        InDistrictAsync(query.Id, [PublicDocumentKind.BadgeClass, PublicDocumentKind.StackBadge], null,
            r => SourceImageAsync(r, r.Kind == PublicDocumentKind.StackBadge ? null : query.Id, r.Kind == PublicDocumentKind.StackBadge ? query.Id : null, ct),
            "Badge image", ct);

    public ValueTask<ImageFile> Handle(GetBakedBadge query, CancellationToken ct) =>
        InDistrictAsync(query.AssertionId, [PublicDocumentKind.Assertion], null, async r =>
        {
            var a = await r.Db.Assertions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.AssertionId, ct)
                ?? throw new NotFoundException("Assertion", query.AssertionId);
            var source = await SourceImageAsync(r, a.CredentialVersionId, a.StackId, ct);
            var payload = await PayloadAsync(r, a, ct);
            byte[] baked;
            if (query.Svg)
            {
                var svg = source.IsSvg ? source.Data : PngBadgeRenderer.SvgWrapping(source.Data, a.BadgeName);
                baked = a.IsSigned ? SvgBadge.BakeSigned(svg, payload) : SvgBadge.BakeHosted(svg, links.Assertion(a.Id), payload);
                return new ImageFile(BadgeImageFile.Svg, baked, DefaultBadge.Tag(baked), false);
            }
            var png = source.IsSvg ? PngBadgeRenderer.Render(a.BadgeName, r.District.Color, stack: a.StackId is not null) : source.Data;
            baked = PngBadge.Bake(png, payload);
            return new ImageFile(BadgeImageFile.Png, baked, DefaultBadge.Tag(baked), false);
        }, "Assertion", ct);

    private async ValueTask<T> InDistrictAsync<T>(Guid id, PublicDocumentKind[]? kinds, Guid? districtId, Func<Reading, Task<T>> read, string what, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        PublicDocumentKind? kind = null;
        if (districtId is null)
        {
            var entry = await db.PublicDocuments.AsNoTracking().Where(d => d.Id == id && kinds!.Contains(d.Kind))
                .Select(d => new { d.DistrictId, d.Kind }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException(what, id);
            (districtId, kind) = (entry.DistrictId, entry.Kind);
        }
        var district = await db.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == districtId, ct) ?? throw new NotFoundException(what, id);
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        tenant.Set(district.Id, district.Slug);
        return await read(new Reading(db, tenant, district, kind, scope.ServiceProvider));
    }

    /// <summary>The baked payload: the JSON of a hosted badge, the JWS of a signed one (signed with the key it names).</summary>
    private async Task<string> PayloadAsync(Reading r, Assertion a, CancellationToken ct)
    {
        if (!a.IsSigned) return BadgeDocuments.BakedPayload(a, links, _ => throw new InvalidOperationException());
        var key = await r.Db.IssuerKeys.AsNoTracking().SingleAsync(k => k.Id == a.SigningKeyId, ct);
        var keyring = r.Services.GetRequiredService<IssuerKeyring>();
        return BadgeDocuments.BakedPayload(a, links, document => keyring.Sign(key, document));
    }

    private static async Task<CredentialVersion> PublishedVersionAsync(AppDbContext db, Guid versionId, CancellationToken ct) =>
        await db.CredentialVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == versionId && v.Status != VersionStatus.Draft, ct)
        ?? throw new NotFoundException("BadgeClass", versionId);

    private static async Task<(Stack Stack, IReadOnlyList<string> Names)> PublishedStackAsync(AppDbContext db, Guid stackId, CancellationToken ct)
    {
        var stack = await db.Stacks.AsNoTracking().SingleOrDefaultAsync(s => s.Id == stackId && s.PublishedAt != null, ct)
            ?? throw new NotFoundException("BadgeClass", stackId);
        var names = await db.CredentialVersions.AsNoTracking()
            .Where(v => stack.CredentialIds.Contains(v.CredentialId) && v.Status != VersionStatus.Draft)
            .OrderByDescending(v => v.Number).Select(v => new { v.CredentialId, v.Name }).ToListAsync(ct);
        var latest = names.GroupBy(n => n.CredentialId).ToDictionary(g => g.Key, g => g.First().Name);
        return (stack, [.. stack.CredentialIds.Where(latest.ContainsKey).Select(id => latest[id])]);
    }

    private static async Task<ImageFile> SourceImageAsync(Reading r, Guid? versionId, Guid? stackId, CancellationToken ct)
    {
        if (versionId is { } v)
        {
            var version = await r.Db.CredentialVersions.AsNoTracking().Where(x => x.Id == v && x.Status != VersionStatus.Draft)
                .Select(x => new { x.ImageId, x.Name }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Badge image", v);
            return await r.Db.RenderAsync(r.Tenant, version.ImageId, version.Name, stack: false, ct);
        }
        var stack = await r.Db.Stacks.AsNoTracking().Where(x => x.Id == stackId && x.PublishedAt != null)
            .Select(x => new { x.ImageId, x.Name }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Badge image", stackId!.Value);
        return await r.Db.RenderAsync(r.Tenant, stack.ImageId, stack.Name, stack: true, ct);
    }
}
