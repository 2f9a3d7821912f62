using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Design;

/// <summary>The district's design settings (its own database: changing the levels would change other tests' credentials).</summary>
public sealed class DesignSettingsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Design_settings_give_new_credentials_their_levels_and_the_editor_its_frameworks()
    {
        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        var form = await EditorForm.OpenAsync(admin, "/springfield/design/settings");
        Assert.Equal("Not yet", form["Input.RubricLevels[0]"]);
        form.Set("Input.RubricLevels[0]", "Beginning").Set("Input.RubricLevels[1]", "Emerging").Set("Input.RubricLevels[2]", "Secure")
            .RemoveAll("Input.RubricLevels[3]").Set("Input.RubricLevels[4]", "")
            .Set("Input.Frameworks[0].Name", "InTASC").Set("Input.Frameworks[0].Url", "https://ccsso.org/intasc");
        var saved = await form.PostAsync(admin);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, HttpSession.Excerpt(await saved.Content.ReadAsStringAsync()));

        await using (var scope = await fixture.As("admin@springfield.test", "springfield"))
        {
            var settings = await AppFixture.Get<ISender>(scope).Send(new GetDesignSettings());
            Assert.Equal(["Beginning", "Emerging", "Secure"], settings.RubricLevels);
            // The demo district already keeps frameworks: the first one was renamed, the rest kept.
            Assert.Equal("InTASC", settings.Frameworks[0].Name);
            Assert.Equal("https://ccsso.org/intasc", settings.Frameworks[0].Url);
        }

        using var session = new HttpSession(fixture.BaseAddress);
        await session.LogInAsync("developer@springfield.test");
        var editor = await session.PageAsync((await session.SubmitAsync("/springfield/design", new Dictionary<string, string> { ["Input.Name"] = "With district levels" })).Headers.Location!.OriginalString);
        Assert.Equal("Secure", editor.QuerySelector<IHtmlInputElement>("input[name='Input.Rubric.Levels[2].Name']")!.Value);
        Assert.Contains("InTASC", editor.QuerySelectorAll("datalist#frameworks option").Select(o => o.GetAttribute("value")));

        // A refused save keeps the typed rows: one level is not a rubric.
        var refused = await (await EditorForm.OpenAsync(admin, "/springfield/design/settings"))
            .RemoveAll("Input.RubricLevels[1]").RemoveAll("Input.RubricLevels[2]").PostAsync(admin);
        var page = await HttpSession.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Choose 2 to 7 performance levels, lowest first.", page.Errors());
        Assert.Equal("Beginning", EditorForm.Of(page, url: "/springfield/design/settings")["Input.RubricLevels[0]"]);
    }

}
