using MicroCred.Domain.Common;

namespace MicroCred.Domain.Design;

/// <summary>The publish quality gate refused: <see cref="Problems"/> is the checklist of what is missing.</summary>
public sealed class PublishRefusedException(IReadOnlyList<string> problems)
    : DomainException($"This credential is not ready to publish: {problems.Count} {(problems.Count == 1 ? "thing is" : "things are")} missing.")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
