using System.Text.RegularExpressions;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Domain.Tenancy;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Assessment;

/// <summary>
/// An assessor scores assigned work in the browser: reads the evidence, scores every criterion, is refused without
/// feedback below passing, submits; the earner then reads the criterion-level feedback.
/// </summary>
public sealed class ScoringJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    [Fact]
    public async Task An_assessor_scores_an_assigned_submission_and_the_earner_reads_the_feedback()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0);
        var (credentialId, _, _) = await kit.Credential("Argumentation in science");
        await kit.Qualify(credentialId, AssessmentKit.Morgan);
        var recording = await kit.Upload(AssessmentKit.Erin, "erin-period-3.wav", EvidenceSamples.Wav(samples: 16_000));
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId, file: recording,
            reflection: "My students compared two explanations of the data and changed their claims after hearing each other's evidence.");
        await kit.AssignWaitingWork();

        var assessor = await NewPageAsync();
        await LogInAsync(assessor, AssessmentKit.Morgan);
        await assessor.GotoAsync("/springfield/assessment");
        await CheckPageAsync(assessor, "dashboard");
        var row = assessor.GetByRole(AriaRole.Row).Filter(new() { HasText = "Argumentation in science" });
        await Assertions.Expect(row).ToContainTextAsync("Not started");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await ExpectUrlAsync(assessor, new Regex($"/springfield/assessment/submissions/{submissionId}$"));
        await Assertions.Expect(assessor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Score submission S-");
        await Assertions.Expect(assessor.Locator(".evidence-pane")).ToContainTextAsync("changed their claims after hearing each other's evidence");
        await Assertions.Expect(assessor.Locator(".evidence-pane")).ToContainTextAsync("https://docs.example.org/plan/42");
        await Assertions.Expect(assessor.Locator("main")).Not.ToContainTextAsync("Erin");
        await Assertions.Expect(assessor.Locator(".evidence-pane")).ToContainTextAsync("Audio recording 1");
        await CheckPageAsync(assessor, "scoring");

        // The recording loads through the file access check and plays (after a click, as a person would start it).
        var audio = assessor.GetByLabel("Audio recording 1").First;
        await Assertions.Expect(audio).ToHaveAttributeAsync("src", $"/springfield/files/{recording.Id}");
        await assessor.GetByRole(AriaRole.Heading, new() { Name = "Evidence" }).ClickAsync(); // a user gesture: media may play
        await audio.EvaluateAsync("a => a.play()");
        await assessor.WaitForFunctionAsync("() => { const a = document.querySelector('audio'); return a.readyState >= 2 && (a.currentTime > 0 || a.ended); }");
        Assert.True(await audio.EvaluateAsync<bool>("a => a.error === null && a.duration > 0.5"));

        ILocator Criterion(int n) => assessor.GetByRole(AriaRole.Group, new() { Name = $"Criterion {n} of Argumentation in science" });
        var recommendation = assessor.Locator("[data-recommendation-text]");

        // Every criterion at passing: the recommendation reads Award before anything is submitted.
        for (var n = 1; n <= 3; n++) await Criterion(n).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Proficient") }).CheckAsync();
        await Assertions.Expect(recommendation).ToHaveTextAsync("Award");
        // One criterion below passing: Not yet.
        await Criterion(1).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Developing") }).CheckAsync();
        await Criterion(3).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Exemplary") }).CheckAsync();
        await Assertions.Expect(recommendation).ToHaveTextAsync("Not yet");
        await Assertions.Expect(assessor.Locator("[data-save-status]")).ToContainTextAsync("Draft saved", new() { Timeout = 10_000 });
        await assessor.GetByLabel("Overall feedback").FillAsync("Your students are clearly arguing from evidence.");
        await CheckPageAsync(assessor, "levels-chosen");

        // Submitting without feedback on the criterion below passing is refused, next to that criterion.
        await assessor.GetByRole(AriaRole.Button, new() { Name = "Submit score" }).ClickAsync();
        var summary = assessor.Locator(".error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("below the passing level (Proficient)");
        await Assertions.Expect(Criterion(1).Locator(".field-error")).ToContainTextAsync("Write feedback for");
        await Assertions.Expect(Criterion(1).GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Developing") })).ToBeCheckedAsync(); // nothing typed is lost
        await Assertions.Expect(assessor.GetByLabel("Overall feedback")).ToHaveValueAsync("Your students are clearly arguing from evidence.");
        await CheckPageAsync(assessor, "refused-without-feedback");

        await Criterion(1).GetByLabel(new Regex("^Feedback on")).FillAsync("Ask students to cite the data when they disagree, not just their opinion.");
        await assessor.GetByRole(AriaRole.Button, new() { Name = "Submit score" }).ClickAsync();
        await ExpectUrlAsync(assessor, new Regex("/springfield/assessment$"));
        await Assertions.Expect(assessor.GetByRole(AriaRole.Status)).ToContainTextAsync("Score submitted");
        await Assertions.Expect(assessor.GetByRole(AriaRole.Region, new() { Name = "Recently scored" })).ToContainTextAsync("Not yet");
        await CheckPageAsync(assessor, "submitted");

        var earner = await NewPageAsync();
        await LogInAsync(earner, AssessmentKit.Erin);
        await earner.GotoAsync($"/springfield/evidence/submissions/{submissionId}/feedback");
        var first = earner.GetByRole(AriaRole.Region, new() { Name = "Criterion 1 of Argumentation in science" });
        await Assertions.Expect(first).ToContainTextAsync("Developing");
        await Assertions.Expect(first).ToContainTextAsync("Below the passing level");
        await Assertions.Expect(first).ToContainTextAsync("Ask students to cite the data when they disagree, not just their opinion.");
        await Assertions.Expect(earner.GetByRole(AriaRole.Region, new() { Name = "Criterion 3 of Argumentation in science" })).ToContainTextAsync("Exemplary");
        await Assertions.Expect(earner.GetByRole(AriaRole.Region, new() { Name = "Overall feedback" })).ToContainTextAsync("clearly arguing from evidence");
        await first.GetByText("What each level means").ClickAsync();
        await Assertions.Expect(first.Locator("td.achieved")).ToHaveTextAsync("Developing descriptor of criterion 1");
        await CheckPageAsync(earner, "feedback");
    }
}
