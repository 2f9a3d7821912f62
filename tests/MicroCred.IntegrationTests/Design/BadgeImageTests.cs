using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Common;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Design;

/// <summary>Badge images over HTTP: public and preview endpoints, their headers, uploads through the page, and who may see what.</summary>
public sealed class BadgeImageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string SvgPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    private static string Svg(string inner = "", string size = "width=\"200\" height=\"200\"") =>
        $"""<svg xmlns="http://www.w3.org/2000/svg" {size}><title>Test badge</title><circle cx="100" cy="100" r="90" fill="#1f5f8b"/>{inner}</svg>""";

    private static async Task<HttpResponseMessage> UploadAsync(HttpSession session, string pageUrl, string handler, string field, byte[] bytes, string fileName, string contentType)
    {
        var token = HttpSession.TokenOf(await session.PageAsync(pageUrl))!;
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await session.Client.PostAsync($"{pageUrl}?handler={handler}", form);
    }

    [Fact]
    public async Task Public_images_are_served_with_their_type_caching_and_safety_headers()
    {
        using var visitor = new HttpSession(fixture.BaseAddress);
        var svgId = await fixture.CredentialId("springfield", DesignSeed.Discourse);
        var svg = await visitor.GetAsync($"/springfield/credentials/{svgId}/image");
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        Assert.Equal(SvgPolicy, string.Join(";", svg.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", svg.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(svg.Headers.CacheControl!.Public);
        Assert.NotNull(svg.Headers.ETag);
        Assert.Contains("linearGradient", await svg.Content.ReadAsStringAsync()); // the seeded upload, not the default

        // Revalidation by ETag.
        using var again = new HttpRequestMessage(HttpMethod.Get, $"/springfield/credentials/{svgId}/image");
        again.Headers.IfNoneMatch.Add(svg.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await visitor.Client.SendAsync(again)).StatusCode);

        var pngId = await fixture.CredentialId("springfield", DesignSeed.CollectiveLeadership);
        var png = await visitor.GetAsync($"/springfield/credentials/{pngId}/image");
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], (await png.Content.ReadAsByteArrayAsync())[..4]);
        Assert.DoesNotContain("default-src 'none'", string.Join(";", png.Headers.GetValues("Content-Security-Policy")));

        // No upload: the generated default, in the district's colour, with an accessible title.
        var defaultId = await fixture.CredentialId("springfield", DesignSeed.EquitableCulture);
        var generated = await visitor.GetAsync($"/springfield/credentials/{defaultId}/image");
        Assert.Equal("image/svg+xml", generated.Content.Headers.ContentType!.MediaType);
        Assert.Equal(SvgPolicy, string.Join(";", generated.Headers.GetValues("Content-Security-Policy")));
        var body = await generated.Content.ReadAsStringAsync();
        Assert.Contains($"<title id=\"title\">{DesignSeed.EquitableCulture} (micro-credential badge)</title>", body);
        Assert.Contains("#1f5f8b", body);
        Assert.Contains(">SEC<", body);

        var stackId = await fixture.StackId("springfield", DesignSeed.LeadershipStack);
        var stack = await visitor.GetAsync($"/springfield/stacks/{stackId}/image");
        Assert.Equal(HttpStatusCode.OK, stack.StatusCode);
        Assert.Contains("<polygon", await stack.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Draft_images_are_previewed_by_the_districts_developers_only()
    {
        var draft = await fixture.CredentialId("springfield", DesignSeed.ExitTickets);
        var preview = $"/springfield/design/credentials/{draft}/image/preview";

        using var visitor = new HttpSession(fixture.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/springfield/credentials/{draft}/image")).StatusCode);
        var anonymous = await visitor.GetAsync(preview);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login?ReturnUrl=", anonymous.Headers.Location!.OriginalString);

        using var developer = new HttpSession(fixture.BaseAddress);
        await developer.LogInAsync(DesignData.SpringfieldDeveloper);
        var own = await developer.GetAsync(preview);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/svg+xml", own.Content.Headers.ContentType!.MediaType);
        Assert.True(own.Headers.CacheControl!.Private);

        using var earner = new HttpSession(fixture.BaseAddress);
        await earner.LogInAsync("earner@springfield.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await earner.GetAsync(preview)).StatusCode);

        using var other = new HttpSession(fixture.BaseAddress);
        await other.LogInAsync(DesignData.ShelbyvilleDeveloper);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(preview)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/shelbyville/design/credentials/{draft}/image/preview")).StatusCode);
    }

    [Fact]
    public async Task A_developer_uploads_an_svg_which_is_sanitised_and_previewed()
    {
        var draft = await fixture.CredentialId("springfield", DesignSeed.ExitTickets);
        var page = $"/springfield/design/credentials/{draft}/image";
        using var developer = new HttpSession(fixture.BaseAddress);
        await developer.LogInAsync(DesignData.SpringfieldDeveloper);

        var hostile = Svg("""<script>alert(1)</script><rect width="10" height="10" onclick="steal()"/><image href="https://evil.example/x.png" width="5" height="5"/>""",
            "width=\"210\" height=\"210\"");
        var response = await UploadAsync(developer, page, "Upload", "Input.Image", Encoding.UTF8.GetBytes(hostile), "badge.svg", "image/svg+xml");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var confirmation = await developer.PageAsync(page);
        Assert.Contains("Badge image uploaded (SVG, 210×210 pixels", confirmation.MainText());
        Assert.Contains("scripts (1)", confirmation.MainText());

        var preview = await (await developer.GetAsync($"{page}/preview")).Content.ReadAsStringAsync();
        Assert.Contains("<circle", preview);
        Assert.DoesNotContain("script", preview);
        Assert.DoesNotContain("onclick", preview);
        Assert.DoesNotContain("evil.example", preview);

        // Back to the generated default; the uploaded image is deleted with it (nothing else uses it).
        response = await developer.SubmitAsync(page, new Dictionary<string, string>(), "Default");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("(micro-credential badge)</title>", await (await developer.GetAsync($"{page}/preview")).Content.ReadAsStringAsync());
        await using var scope = await fixture.As(DesignData.SpringfieldDeveloper, "springfield");
        var db = AppFixture.Get<AppDbContext>(scope);
        var draftVersion = await db.CredentialVersions.SingleAsync(v => v.CredentialId == draft);
        Assert.Null(draftVersion.ImageId);
        Assert.False(await db.BadgeImages.AnyAsync(i => i.Width == 210));
    }

    [Fact]
    public async Task A_refused_upload_explains_why_on_the_form()
    {
        var draft = await fixture.CredentialId("springfield", DesignSeed.ExitTickets);
        var page = $"/springfield/design/credentials/{draft}/image";
        using var developer = new HttpSession(fixture.BaseAddress);
        await developer.LogInAsync(DesignData.SpringfieldDeveloper);

        async Task<IReadOnlyList<string>> Refusal(byte[] bytes, string name, string type)
        {
            var response = await UploadAsync(developer, page, "Upload", "Input.Image", bytes, name, type);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("true", html.QuerySelector("#Input_Image")!.GetAttribute("aria-invalid"));
            return html.Errors();
        }

        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        Assert.Contains(await Refusal(jpeg, "photo.png", "image/png"), e => e.Contains("JPEG") && e.Contains("even though its name ends in .png"));
        Assert.Contains(await Refusal(Encoding.UTF8.GetBytes(Svg(size: "width=\"32\" height=\"32\"")), "tiny.svg", "image/svg+xml"), e => e.Contains("32×32") && e.Contains("at least 64×64"));
        Assert.Contains(await Refusal(Encoding.UTF8.GetBytes("""<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">&x;</svg>"""), "xxe.svg", "image/svg+xml"),
            e => e.Contains("DTD"));
        Assert.Contains(await Refusal([], "empty.png", "image/png"), e => e.Contains("Choose a PNG or SVG file"));
    }

    [Fact]
    public async Task A_published_version_keeps_its_image_until_a_new_version_is_published()
    {
        var id = await fixture.CredentialId("springfield", DesignSeed.GoingPublic);
        await using var scope = await fixture.As(DesignData.SpringfieldDeveloper, "springfield");
        var sender = AppFixture.Get<ISender>(scope);
        await Assert.ThrowsAsync<DomainException>(() => sender.Send(new UploadCredentialImage(id, "x.svg", Encoding.UTF8.GetBytes(Svg()))).AsTask());

        await sender.Send(new StartNewVersion(id));
        var uploaded = await sender.Send(new UploadCredentialImage(id, "x.svg", Encoding.UTF8.GetBytes(Svg())));
        Assert.Equal((200, 200), (uploaded.Width, uploaded.Height));
        using var visitor = new HttpSession(fixture.BaseAddress);
        Assert.DoesNotContain("Test badge", await (await visitor.GetAsync($"/springfield/credentials/{id}/image")).Content.ReadAsStringAsync());

        await sender.Send(new PublishCredential(id));
        Assert.Contains("Test badge", await (await visitor.GetAsync($"/springfield/credentials/{id}/image")).Content.ReadAsStringAsync());

        // The superseded version (the BadgeClass of badges already issued) still serves its own image.
        var db = AppFixture.Get<AppDbContext>(scope);
        var first = await db.CredentialVersions.Where(v => v.CredentialId == id && v.Number == 1).Select(v => v.Id).SingleAsync();
        var old = await sender.Send(new GetBadgeClassImage(first));
        Assert.True(old.IsGenerated);
        var draftOfAnother = await db.CredentialVersions.Where(v => v.Name == DesignSeed.ExitTickets).Select(v => v.Id).SingleAsync();
        await Assert.ThrowsAsync<MicroCred.Application.Common.NotFoundException>(() => sender.Send(new GetBadgeClassImage(draftOfAnother)).AsTask());
    }
}
