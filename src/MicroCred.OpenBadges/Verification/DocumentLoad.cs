using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Verification;

/// <summary>
/// One Badge Object fetched and read, with the checks that reading produced. The checks are kept apart
/// from the report until the caller records them, so a load can be discarded (for example when the URL
/// given turns out not to be the assertion's id).
/// </summary>
internal sealed class DocumentLoad
{
    public List<VerificationCheck> Checks { get; } = [];
    public FetchedDocument? Response { get; set; }
    public JsonObject? Document { get; set; }

    public bool Failed => Checks.Any(c => c.Outcome == CheckOutcome.Failed);
    public int StatusCode => Response?.StatusCode ?? 0;

    public void Add(string name, CheckOutcome outcome, string message, CheckCategory category = CheckCategory.Integrity) =>
        Checks.Add(new VerificationCheck(name, outcome, message, category));
}
