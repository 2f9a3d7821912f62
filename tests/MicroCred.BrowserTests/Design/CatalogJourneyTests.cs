using System.Text;
using System.Text.RegularExpressions;
using MicroCred.Application.Data;
using MicroCred.Application.Seeding;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Design;

/// <summary>The public catalog as a visitor uses it, and a developer giving a credential an image and building a stack.</summary>
public sealed class CatalogJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private static readonly string[] Sections = ["Competency", "Key method", "Research", "Resources", "Submission guidelines", "Rubric", "Standards", "Hours"];

    private async Task<Guid> CredentialIdAsync(string name)
    {
        var (tenantId, slug) = await Fixture.District("springfield");
        await using var scope = Fixture.App.Scope(tenantId, slug);
        return await AppFixture.Get<AppDbContext>(scope).CredentialVersions.Where(v => v.Name == name).Select(v => v.CredentialId).FirstAsync();
    }

    /// <summary>Waits, polling in the page, until the image has loaded: a page shown is not yet an image loaded.</summary>
    private static async Task ExpectImageLoadedAsync(ILocator image) =>
        await image.Page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await image.ElementHandleAsync());

    [Fact]
    public async Task A_visitor_filters_the_catalog_and_reads_a_credential_with_its_eight_sections()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/springfield/catalog");
        var cards = page.Locator("ul[aria-labelledby=results-heading] > li");
        await Assertions.Expect(cards).ToHaveCountAsync(DesignSeed.SpringfieldPublished.Count);
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Showing 1–{DesignSeed.SpringfieldPublished.Count} of {DesignSeed.SpringfieldPublished.Count}");
        await CheckPageAsync(page, "catalog");

        await page.GetByLabel("Grade band").SelectOptionAsync("K-2");
        await page.GetByLabel("Hours").SelectOptionAsync(new SelectOptionValue { Label = "More than 5, up to 10 hours" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show micro-credentials" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("grade=K-2.*hours=5-10|hours=5-10.*grade=K-2"));
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        await Assertions.Expect(cards.Locator("h3")).ToHaveTextAsync([DesignSeed.GoingPublic, DesignSeed.VideoFeedback]);
        Assert.Equal("K-2", await page.GetByLabel("Grade band").InputValueAsync());
        await ExpectImageLoadedAsync(cards.First.Locator("img"));
        await CheckPageAsync(page, "filtered");

        await page.GetByRole(AriaRole.Link, new() { Name = DesignSeed.VideoFeedback }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DesignSeed.VideoFeedback);
        await Assertions.Expect(page.Locator("main h2")).ToHaveTextAsync(Sections);
        var rubric = page.GetByRole(AriaRole.Table);
        await Assertions.Expect(rubric.GetByRole(AriaRole.Columnheader)).ToHaveCountAsync(5);
        await Assertions.Expect(rubric.GetByRole(AriaRole.Rowheader)).ToHaveCountAsync(3);
        await Assertions.Expect(page.Locator(".passing-rule")).ToContainTextAsync("at least 7 of 9 points");
        await ExpectImageLoadedAsync(page.Locator("img.credential-badge"));
        await CheckPageAsync(page, "credential");

        // The rubric scrolls sideways on narrow screens and can be reached by keyboard.
        await page.SetViewportSizeAsync(420, 900);
        await page.Locator(".table-wrap[role=region]").FocusAsync();
        await Assertions.Expect(page.Locator(".table-wrap[role=region]")).ToBeFocusedAsync();
        await CheckPageAsync(page, "credential-narrow");
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByRole(AriaRole.Link, new() { Name = DesignSeed.StudentCenteredStack }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DesignSeed.StudentCenteredStack);
        await Assertions.Expect(page.Locator(".stack-list h3")).ToHaveTextAsync([DesignSeed.Discourse, DesignSeed.EquitableCulture, DesignSeed.VideoFeedback]);
        await CheckPageAsync(page, "stack");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Springfield Public Schools" }).GetByRole(AriaRole.Link, new() { Name = "Catalog" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/springfield/catalog$"));
    }

    [Fact]
    public async Task A_developer_uploads_a_badge_image_and_builds_a_sequential_stack()
    {
        var draft = await CredentialIdAsync(DesignSeed.ExitTickets);
        var page = await NewPageAsync();
        await LogInAsync(page, "developer@springfield.test");
        await page.GotoAsync($"/springfield/design/credentials/{draft}/image");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Badge image of {DesignSeed.ExitTickets}");
        await CheckPageAsync(page, "image-page");

        // A JPEG renamed to .png is refused with a message that says so, on the field.
        await page.GetByLabel("Image file").SetInputFilesAsync(new FilePayload
        {
            Name = "photo.png", MimeType = "image/png", Buffer = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01],
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload image" }).ClickAsync();
        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(summary).ToContainTextAsync("This file is a JPEG image");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByLabel("Image file")).ToHaveAttributeAsync("aria-invalid", "true");
        await CheckPageAsync(page, "image-refused");

        var svg = """<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><title>Exit ticket</title><rect x="16" y="16" width="224" height="224" rx="32" fill="#8a5a00"/><script>alert('x')</script></svg>""";
        await page.GetByLabel("Image file").SetInputFilesAsync(new FilePayload { Name = "exit-ticket.svg", MimeType = "image/svg+xml", Buffer = Encoding.UTF8.GetBytes(svg) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload image" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Badge image uploaded (SVG, 256×256 pixels. Removed from the SVG for safety: scripts (1))");
        await Assertions.Expect(page.Locator("figcaption")).ToContainTextAsync("an uploaded SVG, 256×256 pixels");
        await ExpectImageLoadedAsync(page.Locator("img.badge-image"));
        await CheckPageAsync(page, "image-uploaded");

        await GoViaMenuAsync(page, "Designing", "Stacks");
        await Assertions.Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(3); // header and the two seeded stacks
        await CheckPageAsync(page, "stacks");
        await page.GetByRole(AriaRole.Link, new() { Name = "New stack" }).ClickAsync();
        await CheckPageAsync(page, "new-stack");
        await page.GetByLabel("Name").FillAsync("Reflective Practitioner");
        await page.GetByLabel("Description").FillAsync("Study your own teaching on video, then lead discussion that puts students' reasoning first.");
        await page.GetByLabel("Sequential").CheckAsync();
        await page.GetByLabel(DesignSeed.Discourse).CheckAsync();
        await page.GetByLabel(DesignSeed.VideoFeedback).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the stack" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Stack \"Reflective Practitioner\" created");
        var order = page.Locator(".stack-order-name");
        await Assertions.Expect(order).ToHaveTextAsync([DesignSeed.Discourse, DesignSeed.VideoFeedback]);
        await CheckPageAsync(page, "stack-editor");

        // Each move button names its credential for screen readers (flex layout puts a space before the colon).
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Move up\\s*: {Regex.Escape(DesignSeed.VideoFeedback)}$") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Moved to position 1.");
        await Assertions.Expect(order).ToHaveTextAsync([DesignSeed.VideoFeedback, DesignSeed.Discourse]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish the stack" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Stack published");
        await ExpectImageLoadedAsync(page.Locator("img.badge-image"));
        await CheckPageAsync(page, "stack-published");

        await page.GetByRole(AriaRole.Link, new() { Name = "View the public page" }).ClickAsync();
        await Assertions.Expect(page.Locator(".stack-list h3")).ToHaveTextAsync([DesignSeed.VideoFeedback, DesignSeed.Discourse]);
        await Assertions.Expect(page.Locator(".stack-list .requires")).ToHaveTextAsync([$"Requires: {DesignSeed.VideoFeedback}"]);
        await CheckPageAsync(page, "stack-public");
    }
}
