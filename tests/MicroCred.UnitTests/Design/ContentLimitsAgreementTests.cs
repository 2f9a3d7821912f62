using MicroCred.Application.Features.Design;
using MicroCred.Domain.Design;

namespace MicroCred.UnitTests.Design;

/// <summary>
/// SaveCredentialDraft's field-by-field problems and CredentialContent.Validate read the same limits: at each limit
/// both accept the draft, one past it both refuse.
/// </summary>
public sealed class ContentLimitsAgreementTests
{
    private static readonly CredentialContent Blank = CredentialContent.Blank("Exit tickets", Rubric.DefaultLevelNames);

    private static string Text(int length) => new('x', length);

    public static TheoryData<string, Func<int, CredentialContent>, int> Limits => new()
    {
        { "short description", n => Blank with { ShortDescription = Text(n) }, CredentialContent.MaxShortDescription },
        { "key method components", n => Blank with { KeyMethodComponents = Enumerable.Repeat("step", n).ToList() }, CredentialContent.MaxComponents },
        { "component text", n => Blank with { KeyMethodComponents = [Text(n)] }, CredentialContent.MaxComponentText },
        { "citations", n => Blank with { Citations = Enumerable.Repeat(new Citation("A study", null), n).ToList() }, CredentialContent.MaxCitations },
        { "citation text", n => Blank with { Citations = [new Citation(Text(n), null)] }, CredentialContent.MaxItemText },
        { "standards", n => Blank with { Alignments = Enumerable.Repeat(new Alignment("ISTE", null, "Standard", null, null), n).ToList() }, CredentialContent.MaxAlignments },
        { "standard code", n => Blank with { Alignments = [new Alignment("ISTE", Text(n), "Standard", null, null)] }, CredentialContent.MaxStandardCode },
        { "standard name", n => Blank with { Alignments = [new Alignment("ISTE", null, Text(n), null, null)] }, CredentialContent.MaxStandardName },
        { "validity months", n => Blank with { ValidityMonths = n }, CredentialContent.MaxValidityMonths },
        { "estimated hours", n => Blank with { EstimatedHours = n }, (int)CredentialContent.MaxEstimatedHours },
        { "tags", n => Blank with { Tags = Enumerable.Range(0, n).Select(i => $"tag {i}").ToList() }, CredentialContent.MaxListEntries },
        { "tag length", n => Blank with { Tags = [Text(n)] }, CredentialContent.MaxListEntryLength },
        { "rubric levels", n => Blank with { Rubric = Rubric.WithLevels(Enumerable.Range(1, n).Select(i => $"Level {i}").ToList()) }, Rubric.MaxLevels },
        { "level name", n => Blank with { Rubric = Rubric.WithLevels(["Not yet", Text(n)]) }, Rubric.MaxLevelName },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void The_validator_and_the_domain_accept_the_limit_and_refuse_one_more(string limit, Func<int, CredentialContent> at, int max)
    {
        Assert.True(Agree(at(max)) is (false, false), $"{limit}: {max} should be accepted by both");
        Assert.True(Agree(at(max + 1)) is (true, true), $"{limit}: {max + 1} should be refused by both, got {Agree(at(max + 1))}");
    }

    private static (bool Validator, bool Domain) Agree(CredentialContent content) =>
        (CredentialContentProblems.Of(content).Any(), Record.Exception(content.Validate) is not null);
}
