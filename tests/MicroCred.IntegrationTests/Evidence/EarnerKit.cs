using System.Net;
using AngleSharp.Dom;
using MicroCred.Application.Data;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Design;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>An earner working through the pages over HTTP, as the browser does (forms with their token, tus for files).</summary>
public sealed class EarnerKit(AppFixture fixture, TusClient tus) : IDisposable
{
    public TusClient Tus { get; } = tus;
    public HttpSession Session => Tus.Session;

    public static async Task<EarnerKit> ForAsync(AppFixture fixture, string email, string district = "springfield") =>
        new(fixture, await TusClient.ForAsync(fixture.BaseAddress, email, district));

    /// <summary>The published version of a demo credential: its id, its credential's id and its prompts.</summary>
    public static async Task<(Guid CredentialId, CredentialContent Content)> CredentialAsync(AppFixture fixture, string name, string district = "springfield")
    {
        var (tenantId, slug) = await fixture.District(district);
        await using var scope = fixture.App.Scope(tenantId, slug);
        var version = await AppFixture.Get<AppDbContext>(scope).CredentialVersions.AsNoTracking().SingleAsync(v => v.Name == name && v.Status == VersionStatus.Published);
        return (version.CredentialId, version.Content);
    }

    /// <summary>Presses "Start this micro-credential"; returns the submission it leads to.</summary>
    public async Task<Guid> StartAsync(Guid credentialId)
    {
        var response = await Session.SubmitAsync($"/springfield/credentials/{credentialId}", new Dictionary<string, string>(), "Start");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Start: {(int)response.StatusCode} {HttpSession.Excerpt(await response.Content.ReadAsStringAsync())}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/springfield/evidence/submissions/", location);
        return Guid.Parse(location["/springfield/evidence/submissions/".Length..]);
    }

    public static string PageOf(Guid submissionId) => $"/springfield/evidence/submissions/{submissionId}";

    public Task<IDocument> PageAsync(Guid submissionId, HttpStatusCode expected = HttpStatusCode.OK) => Session.PageAsync(PageOf(submissionId), expected);

    public async Task<HttpResponseMessage> PostAsync(Guid submissionId, string handler, IDictionary<string, string> fields, string query = "")
    {
        var page = await PageAsync(submissionId);
        return await Session.PostAsync($"{PageOf(submissionId)}?handler={handler}{query}", fields, HttpSession.TokenOf(page) ?? page.QuerySelector("[data-submission]")!.GetAttribute("data-token"));
    }

    /// <summary>Uploads a file for a prompt over tus; returns the stored file's id, or the refusal (status and message).</summary>
    public async Task<(Guid? FileId, HttpStatusCode Status, string Message)> UploadAsync(Guid promptId, byte[] bytes, string fileName, long? declaredLength = null)
    {
        using var created = await Tus.CreateAsync(declaredLength ?? bytes.Length, fileName, "prompt", promptId);
        if (created.StatusCode != HttpStatusCode.Created) return (null, created.StatusCode, await created.Content.ReadAsStringAsync());
        using var patch = await Tus.PatchAsync(created.Headers.Location!.OriginalString, 0, bytes);
        if (patch.StatusCode != HttpStatusCode.NoContent) return (null, patch.StatusCode, await patch.Content.ReadAsStringAsync());
        return (TusClient.FileIdOf(patch), patch.StatusCode, "");
    }

    /// <summary>What the page's script does once a file is stored: attach it to the prompt.</summary>
    public async Task<HttpResponseMessage> AttachAsync(Guid submissionId, Guid promptId, Guid fileId, Guid? replaces = null)
    {
        var fields = new Dictionary<string, string> { ["Input.PromptId"] = promptId.ToString(), ["Input.FileId"] = fileId.ToString() };
        if (replaces is { } r) fields["Input.ReplacesItemId"] = r.ToString();
        return await PostAsync(submissionId, "Attach", fields);
    }

    public async Task<HttpResponseMessage> SaveReflectionAsync(Guid submissionId, Guid promptId, string text, string handler = "Autosave") =>
        await PostAsync(submissionId, handler, new Dictionary<string, string> { ["Input.PromptId"] = promptId.ToString(), ["Input.Text"] = text });

    public static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => i % 7 == 0 ? "students" : "word" + i));

    public void Dispose() => Tus.Dispose();

    internal AppFixture Fixture => fixture;
}
