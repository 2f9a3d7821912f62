using System.Text.RegularExpressions;
using MicroCred.Application.Features.Design;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Domain.Design;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Design;

/// <summary>
/// Review before publishing in the browser: the Admin turns the rule on, the author cannot publish or approve alone, an
/// Admin approves against the A–J checklist, the author publishes, and the public page says who approved it.
/// </summary>
public sealed class ReviewJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task A_second_person_approves_a_credential_before_it_is_published_and_the_public_page_says_so()
    {
        const string name = "Questioning for Deeper Understanding";
        var id = await kit.As(AssessmentKit.Developer, s => s.Send(new CreateCredential(name)).AsTask());
        await kit.As(AssessmentKit.Developer, s => s.Send(new SaveCredentialDraft(id, AssessmentKit.Content(name, 2))).AsTask());

        // The Admin asks for a second review before publishing.
        var admin = await NewPageAsync();
        await LogInAsync(admin, AssessmentKit.Admin);
        await admin.GotoAsync("/springfield/admin/policies");
        await admin.GetByLabel("A second person (another Developer, or an Admin; never the author) approves").CheckAsync();
        await Button(admin, "Save publishing rule").ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("now approves each credential version");
        await CheckPageAsync(admin, "policies");

        // The author cannot publish alone, and the review page will not let them approve their own work.
        var developer = await NewPageAsync();
        await LogInAsync(developer, AssessmentKit.Developer);
        await developer.GotoAsync($"/springfield/design/credentials/{id}");
        await Assertions.Expect(developer.Locator("#review-status")).ToContainTextAsync("asks for a second review");
        await Button(developer, "Publish version 1").ClickAsync();
        var problem = developer.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(problem).ToContainTextAsync("must approve this version first");
        await CheckPageAsync(developer, "publish-refused");
        await developer.GetByRole(AriaRole.Link, new() { Name = "review page" }).First.ClickAsync();
        await ExpectUrlAsync(developer, new Regex($"/design/credentials/{id}/review$"));
        await Assertions.Expect(developer.GetByText("You wrote this version, so you cannot approve it")).ToBeVisibleAsync();
        await Assertions.Expect(Button(developer, "Approve version 1 for publishing")).ToBeDisabledAsync();
        await CheckPageAsync(developer, "review-as-author");

        // The Admin reviews: by keyboard, every point but the last, which the form refuses; then all of them.
        await admin.GotoAsync($"/springfield/design/credentials/{id}/review");
        await CheckPageAsync(admin, "review");
        foreach (var check in PublishReview.Checklist.SkipLast(1))
        {
            await admin.Locator($"#check-{check.Principle}").FocusAsync();
            await admin.Keyboard.PressAsync("Space");
        }
        await Button(admin, "Approve version 1 for publishing").ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" })).ToContainTextAsync("J (Shareable)");
        await Assertions.Expect(admin.Locator("#check-A")).ToBeCheckedAsync();
        await CheckPageAsync(admin, "review-incomplete");
        await admin.Locator("#check-J").CheckAsync();
        await admin.GetByLabel("Note for the author").FillAsync("Research base and rubric read well.");
        await Button(admin, "Approve version 1 for publishing").ClickAsync();
        await Assertions.Expect(admin.Locator("#approval")).ToContainTextAsync("Approved by Alicia Admin");
        await CheckPageAsync(admin, "approved");

        // The author publishes; the public page names the reviewer.
        await developer.GotoAsync($"/springfield/design/credentials/{id}");
        await Assertions.Expect(developer.Locator("#review-status")).ToContainTextAsync("approved by Alicia Admin");
        await Button(developer, "Publish version 1").ClickAsync();
        await Assertions.Expect(developer.GetByRole(AriaRole.Status)).ToContainTextAsync("Published version 1");

        var visitor = await NewPageAsync();
        await visitor.SetViewportSizeAsync(390, 844);
        await visitor.GotoAsync($"/springfield/credentials/{id}");
        await Assertions.Expect(visitor.Locator(".approval")).ToContainTextAsync("Approved for publishing by Alicia Admin");
        await CheckPageAsync(visitor, "public-page");

        // The Admin's qualifications page (its assessor-quality settings and the credentials nobody can assess).
        await admin.GotoAsync($"/springfield/assessment/admin/qualifications?credential={id}");
        await Assertions.Expect(admin.Locator("#without-assessor")).ToContainTextAsync(name);
        await CheckPageAsync(admin, "qualifications");

        await kit.As(AssessmentKit.Admin, s => s.Send(new SetPublishReview(false)).AsTask());
    }
}
