using System.Text.RegularExpressions;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Recognition;

/// <summary>
/// The state board's recognizer adds a rule for another issuer's badge, a Springfield teacher asks for credit
/// for that badge, the recognizer approves it from the verification report, and the teacher's transcript shows it.
/// </summary>
public sealed class RecognitionJourneyTests(Chromium chromium, VerifierAppFixture fixture, BadgeIssuerServer issuer)
    : BrowserTest(chromium, fixture), IClassFixture<VerifierAppFixture>, IClassFixture<BadgeIssuerServer>
{
    private const string Board = "State Board of Educator Licensing";

    [Fact]
    public async Task A_rule_a_request_an_approval_and_the_credit_on_the_teachers_transcript()
    {
        // The recognizer sets a rule for the Capital City academy's badge class.
        var recognizer = await NewPageAsync();
        await LogInAsync(recognizer, "recognizer@state-board.test");
        await recognizer.GotoAsync("/state-board");
        await GoViaMenuAsync(recognizer, "Recognition", "Credit requests");
        await ExpectUrlAsync(recognizer, new Regex("/state-board/recognition$"));
        await CheckPageAsync(recognizer, "inbox-before");
        await recognizer.GetByRole(AriaRole.Navigation, new() { Name = "Recognition", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Rules" }).ClickAsync();
        await recognizer.GetByLabel("Where does the badge come from?").SelectOptionAsync(new SelectOptionValue { Label = "Another Open Badges issuer" });
        await recognizer.GetByRole(AriaRole.Button, new() { Name = "Choose" }).ClickAsync();
        await recognizer.GetByLabel("Badge class URL").FillAsync(issuer.BadgeClassUrl);
        await recognizer.GetByLabel("Badge name").FillAsync("Formative Assessment (Capital City Teacher Academy)");
        await recognizer.GetByLabel("Units", new() { Exact = true }).FillAsync("-4");
        await recognizer.GetByLabel("Credit type", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "PD hours (Professional development)" });
        await recognizer.GetByRole(AriaRole.Button, new() { Name = "Add the rule" }).ClickAsync();
        // Negative units: refused on the form, nothing typed is lost.
        await Assertions.Expect(recognizer.Locator(".error-summary")).ToContainTextAsync("Units must be more than 0");
        await Assertions.Expect(recognizer.GetByLabel("Badge class URL")).ToHaveValueAsync(issuer.BadgeClassUrl);
        await CheckPageAsync(recognizer, "rule-refused");
        await recognizer.GetByLabel("Units", new() { Exact = true }).FillAsync("4");
        await recognizer.GetByRole(AriaRole.Button, new() { Name = "Add the rule" }).ClickAsync();
        await Assertions.Expect(recognizer.Locator("table.rules")).ToContainTextAsync("Formative Assessment (Capital City Teacher Academy)");
        await CheckPageAsync(recognizer, "rules");

        // A Springfield teacher asks the board for credit for the badge, by its URL.
        var teacher = await NewPageAsync();
        await LogInAsync(teacher, "earner@springfield.test");
        await teacher.Locator("details.account-menu summary").ClickAsync();
        await teacher.GetByRole(AriaRole.Link, new() { Name = "My credit transcript" }).ClickAsync();
        await ExpectUrlAsync(teacher, new Regex("/account/transcript$"));
        await teacher.GetByRole(AriaRole.Link, new() { Name = $"Ask {Board} for credit" }).ClickAsync();
        await ExpectUrlAsync(teacher, new Regex("/state-board/request-credit$"));
        await Assertions.Expect(teacher.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^Formative Assessment \\(Capital City") })).ToContainTextAsync("4 PD hours");
        await CheckPageAsync(teacher, "request-form");
        await teacher.GetByLabel("Badge URL or signed badge").FillAsync(issuer.ValidUrl);
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Verify and send the request" }).ClickAsync();
        await ExpectUrlAsync(teacher, new Regex("/account/transcript$"));
        await Assertions.Expect(teacher.Locator("table.open-requests")).ToContainTextAsync("Formative Assessment");
        await Assertions.Expect(teacher.Locator("table.open-requests tr", new() { HasText = "Formative Assessment" })).ToContainTextAsync("Pending");
        await CheckPageAsync(teacher, "transcript-pending");

        // The recognizer reads the verification report and the matching rule, and approves.
        await recognizer.GetByRole(AriaRole.Navigation, new() { Name = "Recognition", Exact = true }).GetByRole(AriaRole.Link, new() { Name = "Requests" }).ClickAsync();
        await recognizer.Locator("table.pending").GetByRole(AriaRole.Link, new() { Name = "Formative Assessment" }).ClickAsync();
        await Assertions.Expect(recognizer.Locator("article.badge-report .verdict")).ToContainTextAsync("Valid");
        await Assertions.Expect(recognizer.Locator("article.badge-report").GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^Verification scope") })).ToContainTextAsync("Passed");
        await Assertions.Expect(recognizer.Locator("ul.matches")).ToContainTextAsync("Formative Assessment (Capital City Teacher Academy): 4 PD hours");
        await Assertions.Expect(recognizer.GetByLabel("Units", new() { Exact = true })).ToHaveValueAsync(new Regex("^4(\\.0+)?$"));
        await CheckPageAsync(recognizer, "request");
        await recognizer.GetByRole(AriaRole.Button, new() { Name = "Approve and grant" }).ClickAsync();
        await ExpectUrlAsync(recognizer, new Regex("/state-board/recognition$"));
        await Assertions.Expect(recognizer.Locator("table.decided tr", new() { HasText = "Formative Assessment" })).ToContainTextAsync("Approved");
        await CheckPageAsync(recognizer, "inbox-after");

        // The teacher's transcript shows the credit, and its total.
        await teacher.ReloadAsync();
        var granted = teacher.Locator("table.granted-credit tr", new() { HasText = "Formative Assessment" });
        await Assertions.Expect(granted).ToContainTextAsync("4 PD hours");
        await Assertions.Expect(granted).ToContainTextAsync(Board);
        await Assertions.Expect(teacher.Locator("table.open-requests")).Not.ToContainTextAsync("Formative Assessment");
        await Assertions.Expect(teacher.Locator("ul.credit-totals")).ToContainTextAsync("PD hours");
        await CheckPageAsync(teacher, "transcript-granted");

        // Printing hides the header and the buttons.
        await teacher.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(teacher.Locator("header.site-header")).ToBeHiddenAsync();
        await Assertions.Expect(teacher.GetByRole(AriaRole.Button, new() { Name = "Print this transcript" })).ToBeHiddenAsync();
        await Assertions.Expect(teacher.Locator("table.granted-credit")).ToBeVisibleAsync();
    }
}
