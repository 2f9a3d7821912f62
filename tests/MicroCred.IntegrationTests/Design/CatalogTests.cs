using System.Net;
using AngleSharp.Dom;
using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Seeding;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Design;

/// <summary>The public catalog and credential pages, browsed anonymously over HTTP against the seeded demo districts.</summary>
public sealed class CatalogTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static List<string> Names(IDocument page) =>
        page.QuerySelectorAll(".credential-cards[aria-labelledby=results-heading] h3").Select(h => h.TextContent.Trim()).Order().ToList();

    private static string Squash(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private async Task<List<string>> CatalogAsync(string query)
    {
        using var visitor = new HttpSession(fixture.BaseAddress);
        return Names(await visitor.PageAsync("/springfield/catalog" + query));
    }

    [Fact]
    public async Task Anyone_sees_exactly_the_published_credentials_of_the_district_without_logging_in()
    {
        using var visitor = new HttpSession(fixture.BaseAddress);
        var page = await visitor.PageAsync("/springfield/catalog");
        Assert.Equal(DesignSeed.SpringfieldPublished.Order(), Names(page));
        Assert.DoesNotContain(DesignSeed.ExitTickets, page.MainText());          // a draft
        Assert.DoesNotContain(DesignSeed.Whiteboard, page.MainText());           // retired
        Assert.DoesNotContain(DesignSeed.RestorativeCircles, page.MainText());   // another district's
        Assert.Contains("Showing 1–8 of 8 micro-credentials", page.MainText());

        // Both published stacks are listed, and cards say which stack they belong to.
        var stacks = page.QuerySelectorAll("section[aria-labelledby=stacks-heading] h3").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal([DesignSeed.StudentCenteredStack, DesignSeed.LeadershipStack], stacks); // by name
        var discourseCard = page.QuerySelectorAll(".credential-card").Single(c => c.QuerySelector("h3")!.TextContent.Trim() == DesignSeed.Discourse);
        Assert.Contains(DesignSeed.StudentCenteredStack, discourseCard.TextContent);
        Assert.Contains("12 hours", discourseCard.TextContent);
        Assert.Contains("3 standards", discourseCard.TextContent);
        Assert.NotNull(discourseCard.QuerySelector($"img[src$='/credentials/{await fixture.CredentialId("springfield", DesignSeed.Discourse)}/image']"));

        // The header links the catalog for anonymous visitors too.
        Assert.NotNull(page.QuerySelector("nav.district-nav a[href='/springfield/catalog']"));
    }

    [Fact]
    public async Task Another_districts_catalog_shows_only_its_own_credentials()
    {
        using var visitor = new HttpSession(fixture.BaseAddress);
        var shelbyville = await visitor.PageAsync("/shelbyville/catalog");
        Assert.Equal([DesignSeed.RestorativeCircles], Names(shelbyville));
        Assert.DoesNotContain(DesignSeed.SmallGroupReading, shelbyville.MainText());
        Assert.Empty(shelbyville.QuerySelectorAll("section[aria-labelledby=stacks-heading]"));

        // The handler, asked as Shelbyville, never returns Springfield's rows whatever the filter says.
        var springfieldStack = await fixture.StackId("springfield", DesignSeed.LeadershipStack);
        await using var scope = await fixture.As(DesignData.ShelbyvilleDeveloper, "shelbyville");
        var sender = AppFixture.Get<ISender>(scope);
        Assert.Equal([DesignSeed.RestorativeCircles], (await sender.Send(new BrowseCatalog())).Cards.Select(c => c.Name));
        Assert.Empty((await sender.Send(new BrowseCatalog(Stack: springfieldStack))).Cards);
        Assert.Empty((await sender.Send(new BrowseCatalog(Q: "discourse"))).Cards);
    }

    [Fact]
    public async Task Each_filter_narrows_the_list_and_filters_combine()
    {
        Assert.Equal([DesignSeed.AccountableTalk, DesignSeed.Discourse], await CatalogAsync("?q=talk+moves"));
        Assert.Equal([DesignSeed.AccountableTalk, DesignSeed.Discourse], await CatalogAsync("?q=WHOLE-CLASS"));
        Assert.Equal([DesignSeed.Discourse], await CatalogAsync("?standard=" + Uri.EscapeDataString("InTASC Model Core Teaching Standards: Standard #8")));
        Assert.Equal([DesignSeed.CollectiveLeadership, DesignSeed.GoingPublic, DesignSeed.VirtualOrganizing],
            await CatalogAsync("?standard=" + Uri.EscapeDataString("InTASC Model Core Teaching Standards: Standard #10")));
        Assert.Equal([DesignSeed.EquitableCulture], await CatalogAsync("?tag=equity"));
        Assert.Equal([DesignSeed.Discourse], await CatalogAsync("?subject=Mathematics"));
        Assert.DoesNotContain(DesignSeed.Discourse, await CatalogAsync("?grade=K-2"));
        Assert.Equal(5, (await CatalogAsync("?grade=K-2")).Count);
        Assert.Equal([DesignSeed.FeedbackThatMoves, DesignSeed.GoingPublic, DesignSeed.VideoFeedback], await CatalogAsync("?hours=5-10"));
        Assert.Equal([DesignSeed.AccountableTalk, DesignSeed.CollectiveLeadership, DesignSeed.Discourse, DesignSeed.EquitableCulture], await CatalogAsync("?hours=10-20"));
        Assert.Equal([DesignSeed.VirtualOrganizing], await CatalogAsync("?hours=over-20"));
        Assert.Empty(await CatalogAsync("?hours=up-to-5")); // the 4-hour credential is retired

        var leadership = await fixture.StackId("springfield", DesignSeed.LeadershipStack);
        Assert.Equal([DesignSeed.CollectiveLeadership, DesignSeed.GoingPublic, DesignSeed.VirtualOrganizing], await CatalogAsync($"?stack={leadership}"));
        Assert.Equal([DesignSeed.VirtualOrganizing], await CatalogAsync($"?stack={leadership}&hours=over-20&tag=" + Uri.EscapeDataString("teacher leadership")));

        using var visitor = new HttpSession(fixture.BaseAddress);
        var none = await visitor.PageAsync("/springfield/catalog?tag=equity&subject=Mathematics");
        Assert.Empty(Names(none));
        Assert.Contains("No micro-credential matches these filters", none.MainText());
        // The chosen filters stay selected in the form.
        Assert.Equal("equity", none.QuerySelector("#tag option[selected]")!.GetAttribute("value"));
        Assert.Equal("Mathematics", none.QuerySelector("#subject option[selected]")!.GetAttribute("value"));
        Assert.NotNull(none.QuerySelector("a[href='/springfield/catalog']"));
        // A hand-edited link does not break the page.
        Assert.Equal(DesignSeed.SpringfieldPublished.Count, (await CatalogAsync("?hours=forever&p=99")).Count);
    }

    [Fact]
    public async Task The_credential_page_shows_the_eight_sections_in_order_with_a_real_rubric_table()
    {
        var id = await fixture.CredentialId("springfield", DesignSeed.Discourse);
        using var visitor = new HttpSession(fixture.BaseAddress);
        var page = await visitor.PageAsync($"/springfield/credentials/{id}");

        Assert.Equal(DesignSeed.Discourse, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(["Competency", "Key method", "Research", "Resources", "Submission guidelines", "Rubric", "Standards", "Hours"],
            page.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));

        var table = page.QuerySelector("#cv-rubric table")!;
        Assert.Equal(["Criterion", "Not yet", "Developing", "Proficient", "Exemplary"],
            table.QuerySelectorAll("thead th[scope=col]").Select(th => th.ChildNodes.OfType<IText>().First(t => t.Text.Trim().Length > 0).Text.Trim()));
        var rows = table.QuerySelectorAll("tbody tr");
        Assert.Equal(4, rows.Length);
        Assert.All(rows, row =>
        {
            Assert.NotNull(row.QuerySelector("th[scope=row]"));
            Assert.Equal(4, row.QuerySelectorAll("td").Count(td => td.TextContent.Trim().Length > 0));
        });
        Assert.StartsWith("Planning for discourse", rows[0].QuerySelector("th")!.TextContent.Trim());
        Assert.Contains("Passing", table.QuerySelectorAll("thead th")[3].TextContent);
        Assert.Contains("Every criterion at Proficient or above", page.QuerySelector(".passing-rule")!.TextContent);

        var main = page.MainText();
        Assert.Contains("Wait time: pause 3–5 seconds", main);
        Assert.Contains("Michaels, S., O'Connor, C., & Resnick, L. B. (2008)", main);
        Assert.Contains("Classroom discussion video", main);
        Assert.Contains("400 to 800 words", main);
        Assert.Contains("up to 2 GB per file", main);
        Assert.Contains("ISTE Standards for Educators", main);
        Assert.Contains("2.6.a", main);
        Assert.Contains("About 12 hours", main);
        Assert.Contains("valid for 5 years", main);
        Assert.Contains("Version", main);
        Assert.Contains($"Micro-credential 1 of 3 in the stack {DesignSeed.StudentCenteredStack}", Squash(main));
        Assert.NotNull(page.QuerySelector($"img.credential-badge[src='/springfield/credentials/{id}/image']"));
    }

    [Fact]
    public async Task A_sequential_stacks_credential_page_says_what_it_requires()
    {
        var id = await fixture.CredentialId("springfield", DesignSeed.VirtualOrganizing);
        using var visitor = new HttpSession(fixture.BaseAddress);
        var page = await visitor.PageAsync($"/springfield/credentials/{id}");
        var place = Squash(page.QuerySelector(".stack-place")!.TextContent);
        Assert.Contains("3 of 3", place);
        Assert.Contains("earned in order", place);
        Assert.Contains($"Requires first: {DesignSeed.CollectiveLeadership}, {DesignSeed.GoingPublic}.", place);
    }

    [Fact]
    public async Task Drafts_retired_credentials_and_other_districts_credentials_have_no_public_page()
    {
        using var visitor = new HttpSession(fixture.BaseAddress);
        foreach (var (slug, name) in new[] { ("springfield", DesignSeed.ExitTickets), ("springfield", DesignSeed.Whiteboard), ("shelbyville", DesignSeed.SmallGroupReading) })
        {
            var id = await fixture.CredentialId(slug, name);
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/{slug}/credentials/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/{slug}/credentials/{id}/image")).StatusCode);
        }
        var restorative = await fixture.CredentialId("shelbyville", DesignSeed.RestorativeCircles);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/shelbyville/credentials/{restorative}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/springfield/credentials/{restorative}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/springfield/credentials/{restorative}/image")).StatusCode);
    }

    [Fact]
    public async Task Signed_in_members_see_the_same_catalog()
    {
        using var earner = new HttpSession(fixture.BaseAddress);
        await earner.LogInAsync("earner@springfield.test");
        Assert.Equal(DesignSeed.SpringfieldPublished.Order(), Names(await earner.PageAsync("/springfield/catalog")));
        // A member of another district browses it as the public does.
        using var outsider = new HttpSession(fixture.BaseAddress);
        await outsider.LogInAsync("admin@shelbyville.test");
        Assert.Equal(DesignSeed.SpringfieldPublished.Order(), Names(await outsider.PageAsync("/springfield/catalog")));
    }
}
