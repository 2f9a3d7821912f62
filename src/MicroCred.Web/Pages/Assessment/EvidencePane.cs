using MicroCred.Application.Features.Assessment;

namespace MicroCred.Web.Pages.Assessment;

/// <summary>What the evidence partial shows: the sections, and where each file is served (through the evidence access check).</summary>
public sealed record EvidencePane(IReadOnlyList<EvidenceSection> Sections, Func<EvidenceView, string?> FileUrl);
