using MicroCred.Application.Data;
using MicroCred.Domain.Evidence;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>The demo seed writes history, not news: a database of its own, untouched by any other test.</summary>
public sealed class DemoSeedEmailTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_demo_seeds_submission_history_emails_nobody()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var scope = await fixture.As("admin@springfield.test", "springfield");
        var db = AppFixture.Get<AppDbContext>(scope);
        // The seed leaves submissions that went through every step to a decision...
        var statuses = await db.Submissions.Select(s => s.Status).Distinct().ToListAsync(ct);
        Assert.Contains(SubmissionStatus.Awarded, statuses);
        Assert.Contains(SubmissionStatus.NotYet, statuses);
        // ...and not one of the emails a real step would queue.
        string[] steps = ["Submitted: ", "Withdrawn: ", "In review: ", "Scored: ", "Awarded: ", "Not yet: "];
        var subjects = await db.EmailMessages.Select(m => m.Subject).ToListAsync(ct);
        Assert.DoesNotContain(subjects, subject => steps.Any(subject.StartsWith));
    }
}
