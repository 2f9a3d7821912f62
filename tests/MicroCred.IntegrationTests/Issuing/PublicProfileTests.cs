using System.Net;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Seeding;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>The opt-in public profile: off by default, only the chosen badges, never a revoked one, 404 when off.</summary>
public sealed class PublicProfileTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Pat = "pat.rivera@springfield.test";
    private const string Erin = "riley.chen@springfield.test"; // the demo earner already holds demo badges
    private readonly BadgeKit kit = new(fixture);

    private static async Task<HttpResponseMessage> Save(HttpSession session, string handle, bool isPublic, params Guid[] shown)
    {
        var page = await session.PageAsync("/backpack/profile");
        var fields = new List<KeyValuePair<string, string>> { new("Input.Handle", handle) };
        if (isPublic) fields.Add(new("Input.IsPublic", "true"));
        fields.AddRange(shown.Select(id => new KeyValuePair<string, string>("Input.ShownBadgeIds", id.ToString())));
        return await session.PostAsync("/backpack/profile", fields, HttpSession.TokenOf(page)!);
    }

    [Fact]
    public async Task A_profile_is_off_by_default_shows_only_the_chosen_badges_never_a_revoked_one_and_is_gone_when_turned_off()
    {
        var auditBefore = await kit.AuditCount(nameof(SavePublicProfile));
        var discourse = await kit.Issue(Pat, "springfield", DesignSeed.Discourse, new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero));
        var circles = await kit.Issue(Pat, "shelbyville", DesignSeed.RestorativeCircles);
        var hidden = await kit.Issue(Pat, "springfield", DesignSeed.EquitableCulture);

        using var anyone = new HttpSession(fixture.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/public/profiles/pat-rivera")).StatusCode);

        using var pat = new HttpSession(fixture.BaseAddress);
        await pat.LogInAsync(Pat);
        var settings = await pat.PageAsync("/backpack/profile");
        Assert.False(settings.QuerySelector("input[name='Input.IsPublic'][type=checkbox]")!.HasAttribute("checked")); // off by default
        Assert.Equal(3, settings.QuerySelectorAll("input[name='Input.ShownBadgeIds']").Length);

        // Saved but not public: still nothing to see.
        Assert.Equal(HttpStatusCode.Redirect, (await Save(pat, "Pat-Rivera", false, discourse, circles)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/public/profiles/pat-rivera")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await Save(pat, "Pat-Rivera", true, discourse, circles)).StatusCode);
        var profile = await anyone.PageAsync("/public/profiles/pat-rivera"); // any case finds it
        Assert.Equal("Pat Rivera", profile.QuerySelector("h1")!.TextContent.Trim());
        var cards = profile.QuerySelectorAll("main li.credential-card");
        Assert.Equal(2, cards.Length);
        var text = profile.MainText();
        Assert.Contains(DesignSeed.Discourse, text);
        Assert.Contains("Springfield Public Schools", text);
        Assert.Contains("1 September 2025", text);
        Assert.Contains(DesignSeed.RestorativeCircles, text);
        Assert.Contains("Shelbyville Unified School District", text);
        Assert.DoesNotContain(DesignSeed.EquitableCulture, text);
        Assert.DoesNotContain(hidden.ToString(), profile.Source.Text);
        Assert.Contains(cards, c => c.QuerySelector("a")!.GetAttribute("href")!.EndsWith($"/public/assertions/{discourse}", StringComparison.Ordinal));
        Assert.All(cards, c => Assert.Contains("Valid", c.TextContent));
        Assert.DoesNotContain(Pat, profile.Source.Text); // no email address in public
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync("/public/profiles/PAT-RIVERA")).StatusCode);

        // Revoked: gone from the profile at once, and no longer offered in the settings.
        await kit.Revoke(circles, "shelbyville", "Recorded in error.");
        profile = await anyone.PageAsync("/public/profiles/pat-rivera");
        Assert.DoesNotContain(DesignSeed.RestorativeCircles, profile.MainText());
        Assert.Single(profile.QuerySelectorAll("main li.credential-card"));
        settings = await pat.PageAsync("/backpack/profile");
        Assert.DoesNotContain(settings.QuerySelectorAll("input[name='Input.ShownBadgeIds']"), i => i.GetAttribute("value") == circles.ToString());
        var refused = await Save(pat, "Pat-Rivera", true, discourse, circles);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains((await HttpSession.Parse(await refused.Content.ReadAsStringAsync())).Errors(), e => e.Contains("was revoked"));

        // Off again: the address shows nothing.
        Assert.Equal(HttpStatusCode.Redirect, (await Save(pat, "Pat-Rivera", false, discourse)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/public/profiles/pat-rivera")).StatusCode);

        Assert.Equal(auditBefore + 3, await kit.AuditCount(nameof(SavePublicProfile))); // every successful change, none of the refused
    }

    [Fact]
    public async Task Handles_are_checked_unique_whatever_the_case_and_only_ones_own_badges_can_be_shown()
    {
        var erins = await kit.Issue(Erin, "springfield", DesignSeed.GoingPublic);
        using var erin = new HttpSession(fixture.BaseAddress);
        await erin.LogInAsync(Erin);
        Assert.Equal(HttpStatusCode.Redirect, (await Save(erin, "erin-earner", true, erins)).StatusCode);

        using var pat = new HttpSession(fixture.BaseAddress);
        await pat.LogInAsync(Pat);
        var taken = await Save(pat, "ERIN-Earner", true);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        var page = await HttpSession.Parse(await taken.Content.ReadAsStringAsync());
        Assert.Contains(page.Errors(), e => e.Contains("is taken"));
        Assert.Equal("ERIN-Earner", page.ValueOf("Input.Handle")); // what was typed stays

        var invalid = await HttpSession.Parse(await (await Save(pat, "pat rivera!", true)).Content.ReadAsStringAsync());
        Assert.Contains(invalid.Errors(), e => e.Contains("letters a–z, digits and hyphens"));
        Assert.Equal("pat rivera!", invalid.ValueOf("Input.Handle"));
        var empty = await HttpSession.Parse(await (await Save(pat, "", true)).Content.ReadAsStringAsync());
        Assert.Contains(empty.Errors(), e => e.Contains("Choose a handle"));

        // Someone else's badge cannot be put on one's own profile.
        Assert.Equal(HttpStatusCode.NotFound, (await Save(pat, "pat-rivera", true, erins)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync("/public/profiles/pat-rivera")).StatusCode);

        // Erin's profile is unaffected by all of that.
        var hers = await erin.PageAsync("/public/profiles/erin-earner");
        Assert.Contains(DesignSeed.GoingPublic, hers.MainText());

        // Signed out, the settings ask to log in.
        using var stranger = new HttpSession(fixture.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/backpack/profile")).StatusCode);
    }
}
