using System.Net;
using MicroCred.Application.Seeding;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Design;

/// <summary>The stack editor over HTTP, in its own database: the stack it publishes binds the credentials it groups.</summary>
public sealed class StackEditorTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_developer_creates_reorders_and_publishes_a_stack_through_the_pages()
    {
        using var developer = new HttpSession(fixture.BaseAddress);
        await developer.LogInAsync(DesignData.SpringfieldDeveloper);
        var discourse = await fixture.CredentialId("springfield", DesignSeed.Discourse);
        var video = await fixture.CredentialId("springfield", DesignSeed.VideoFeedback);
        var going = await fixture.CredentialId("springfield", DesignSeed.GoingPublic);

        var form = await developer.PageAsync("/springfield/design/stacks/new");
        var token = HttpSession.TokenOf(form)!;
        var created = await developer.PostAsync("/springfield/design/stacks/new",
        [
            new("Input.Name", "Reflective Practitioner"), new("Input.Description", ""), new("Input.Sequential", "true"),
            new("Input.CredentialIds", discourse.ToString()), new("Input.CredentialIds", video.ToString()),
        ], token);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString;
        var stackId = Guid.Parse(editUrl.Split('/').Last());

        // Not published yet: invisible to the public.
        using var visitor = new HttpSession(fixture.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/springfield/stacks/{stackId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/springfield/stacks/{stackId}/image")).StatusCode);
        Assert.DoesNotContain("Reflective Practitioner", (await visitor.PageAsync("/springfield/catalog")).MainText());

        // Add a third, move it to the top; every button saves the form with its change.
        var edit = await developer.PageAsync(editUrl);
        Assert.Equal([DesignSeed.Discourse, DesignSeed.VideoFeedback], edit.QuerySelectorAll(".stack-order-name").Select(e => e.TextContent.Trim()));
        token = HttpSession.TokenOf(edit)!;
        List<KeyValuePair<string, string>> Fields(params Guid[] order) =>
        [
            new("Input.Name", "Reflective Practitioner"), new("Input.Description", "Look hard at your own teaching, with colleagues."),
            new("Input.Sequential", "true"), .. order.Select(id => new KeyValuePair<string, string>("Input.CredentialIds", id.ToString())),
            new("Input.Add", going.ToString()),
        ];
        Assert.Equal(HttpStatusCode.Redirect, (await developer.PostAsync($"{editUrl}?handler=Add", Fields(discourse, video), token)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await developer.PostAsync($"{editUrl}?index=2&direction=up&handler=Move", Fields(discourse, video, going), token)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await developer.PostAsync($"{editUrl}?index=1&direction=up&handler=Move", Fields(discourse, going, video), token)).StatusCode);
        edit = await developer.PageAsync(editUrl);
        Assert.Equal([DesignSeed.GoingPublic, DesignSeed.Discourse, DesignSeed.VideoFeedback], edit.QuerySelectorAll(".stack-order-name").Select(e => e.TextContent.Trim()));
        Assert.Equal("Look hard at your own teaching, with colleagues.", edit.QuerySelector("#Input_Description")!.TextContent.Trim());

        Assert.Equal(HttpStatusCode.Redirect, (await developer.SubmitAsync(editUrl, new Dictionary<string, string>(), "Publish")).StatusCode);
        var stackPage = await visitor.PageAsync($"/springfield/stacks/{stackId}");
        Assert.Equal([DesignSeed.GoingPublic, DesignSeed.Discourse, DesignSeed.VideoFeedback], stackPage.QuerySelectorAll(".stack-list h3").Select(h => h.TextContent.Trim()));
        var requires = stackPage.QuerySelectorAll(".stack-list li").Select(li => li.QuerySelector(".requires")?.TextContent.Trim()).ToList();
        Assert.Equal([null, $"Requires: {DesignSeed.GoingPublic}", $"Requires: {DesignSeed.GoingPublic}, {DesignSeed.Discourse}"], requires);
        Assert.Contains("Reflective Practitioner", (await visitor.PageAsync("/springfield/catalog")).MainText());

        // Once published it binds earners.
        Assert.Equal([DesignSeed.GoingPublic], (await fixture.Missing(DesignSeed.Discourse)).Select(m => m.Name));
    }
}
