using System.Text.RegularExpressions;
using MicroCred.Application.Features.Assessment;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Domain.Tenancy;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Issuing;

/// <summary>An Issuer works through the decision queue in the browser: awards in bulk, says "Not yet" with a note.</summary>
public sealed class DecisionJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    private async Task<Guid> ScoredAsync(Guid credentialId, MicroCred.Domain.Design.Rubric rubric, string earner, params int[] points)
    {
        var id = await kit.Submit(earner, credentialId);
        await kit.AssignWaitingWork();
        await kit.As(AssessmentKit.Asa, s => s.Send(new SubmitScore(id, AssessmentKit.Levels(rubric, points), "Thank you for the careful reflection.")).AsTask());
        return id;
    }

    [Fact]
    public async Task An_issuer_awards_from_the_queue_and_says_not_yet_with_a_note_the_earner_then_reads()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, forbidSameSchool: false);
        var (credentialId, rubric, _) = await kit.Credential("Questioning for deeper thinking");
        await kit.Qualify(credentialId, AssessmentKit.Asa);
        var erins = await ScoredAsync(credentialId, rubric, AssessmentKit.Erin, 2, 3, 2);
        var taylors = await ScoredAsync(credentialId, rubric, AssessmentKit.Taylor, 1, 2, 1);

        var issuer = await NewPageAsync();
        await LogInAsync(issuer, AssessmentKit.Issuer);
        await issuer.GotoAsync("/springfield");
        await GoViaMenuAsync(issuer, "Issuing", "Decisions to make");
        await issuer.GetByLabel("Micro-credential").SelectOptionAsync(new SelectOptionValue { Label = "Questioning for deeper thinking" });
        await issuer.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await ExpectUrlAsync(issuer, new Regex($"credential={credentialId}"));
        var rows = issuer.Locator("table[aria-labelledby=waiting-heading] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await CheckPageAsync(issuer, "queue");

        // Erin's is recommended for Award: choose it and award it.
        var erinRow = rows.Filter(new() { HasText = "Erin Earner" });
        await Assertions.Expect(erinRow).ToContainTextAsync("Award");
        await erinRow.GetByRole(AriaRole.Checkbox).CheckAsync();
        await issuer.GetByLabel("Note to the earners (optional)").FillAsync("Congratulations from the district!");
        await issuer.GetByRole(AriaRole.Button, new() { Name = "Award the chosen" }).ClickAsync();
        await Assertions.Expect(issuer.GetByRole(AriaRole.Status)).ToContainTextAsync("Awarded 1 submission.");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(issuer.Locator("table[aria-labelledby=recent-heading]")).ToContainTextAsync("Congratulations from the district!");

        // Taylor's is "Not yet": decided on its own page, with the rubric results in view.
        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await ExpectUrlAsync(issuer, new Regex($"/springfield/issuing/decisions/{taylors}$"));
        await Assertions.Expect(issuer.Locator("main")).ToContainTextAsync("Recommendation: Not yet");
        await CheckPageAsync(issuer, "decision");
        await issuer.GetByLabel("Note to the earner (optional)").FillAsync("Try the wait-time routine from the resources and resubmit.");
        await issuer.GetByRole(AriaRole.Button, new() { Name = "Not yet", Exact = true }).ClickAsync();
        await Assertions.Expect(issuer.GetByRole(AriaRole.Status)).ToContainTextAsync("Marked \"Not yet\"");
        await Assertions.Expect(issuer.GetByRole(AriaRole.Button, new() { Name = "Award", Exact = true })).ToHaveCountAsync(0);

        // Taylor reads the feedback and the note.
        var taylor = await NewPageAsync();
        await LogInAsync(taylor, AssessmentKit.Taylor);
        await taylor.GotoAsync($"/springfield/evidence/submissions/{taylors}/feedback");
        await Assertions.Expect(taylor.Locator("main")).ToContainTextAsync("Try the wait-time routine from the resources and resubmit.");
        await Assertions.Expect(taylor.Locator("main")).ToContainTextAsync(rubric.Criteria[0].Title);
        Assert.NotEqual(erins, taylors);
    }
}
