using System.Globalization;
using MicroCred.Domain.Recognition;

namespace MicroCred.Web.Pages.Recognition;

/// <summary>How recognition pages write units, dates and statuses.</summary>
public static class RecognitionText
{
    public static string Units(decimal? units) => units?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";

    public static string Date(DateTimeOffset? at) => at?.ToUniversalTime().ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? "—";

    public static string StatusClass(CreditRequestStatus status) => status switch
    {
        CreditRequestStatus.Approved => "ok",
        CreditRequestStatus.Declined or CreditRequestStatus.Rescinded => "bad",
        _ => "warn",
    };

    public static string Target(RuleTarget target) => target switch
    {
        RuleTarget.Credential => "Micro-credential",
        RuleTarget.Stack => "Stack",
        _ => "Other issuer's badge",
    };
}
