using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Seeding;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Design;

/// <summary>Paging, in its own database: it publishes more credentials than fit on a page.</summary>
public sealed class CatalogPagingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Pages_hold_twelve_and_the_links_keep_the_filters()
    {
        var seeded = await fixture.CredentialId("springfield", DesignSeed.EquitableCulture);
        await using (var scope = await fixture.As(DesignData.SpringfieldDeveloper, "springfield"))
        {
            var sender = AppFixture.Get<ISender>(scope);
            var template = (await sender.Send(new GetPublicCredential(seeded))).Content;
            for (var i = 1; i <= 14; i++)
            {
                var id = await sender.Send(new CreateCredential($"Paging credential {i:00}"));
                await sender.Send(new SaveCredentialDraft(id, template with { Name = $"Paging credential {i:00}", Tags = ["paging"] }));
                await sender.Send(new PublishCredential(id));
            }
        }

        using var visitor = new HttpSession(fixture.BaseAddress);
        var first = await visitor.PageAsync("/springfield/catalog?tag=paging");
        var names = first.QuerySelectorAll(".credential-cards[aria-labelledby=results-heading] h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"Paging credential {i:00}"), names);
        Assert.Contains("Showing 1–12 of 14 micro-credentials", first.MainText());
        Assert.Contains("Page 1 of 2", first.MainText());
        Assert.Null(first.QuerySelector(".pager a[rel=prev]"));
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal("/springfield/catalog?tag=paging&p=2", next);

        var second = await visitor.PageAsync(next);
        Assert.Equal(["Paging credential 13", "Paging credential 14"],
            second.QuerySelectorAll(".credential-cards[aria-labelledby=results-heading] h3").Select(h => h.TextContent.Trim()));
        Assert.Contains("Showing 13–14 of 14", second.MainText());
        Assert.Equal("/springfield/catalog?tag=paging", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("paging", second.QuerySelector("#tag option[selected]")!.GetAttribute("value"));

        // Without the filter: the seeded ones plus the fourteen, twelve at a time.
        var total = DesignSeed.SpringfieldPublished.Count + 14;
        var all = await visitor.PageAsync("/springfield/catalog?p=2");
        Assert.Contains($"Showing 13–{total} of {total}", all.MainText());
    }
}
