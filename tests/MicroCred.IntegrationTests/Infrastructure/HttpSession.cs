using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MicroCred.Application.Seeding;

namespace MicroCred.IntegrationTests.Infrastructure;

/// <summary>
/// A person's browser, minus the browser: cookies, no automatic redirects, forms posted with their
/// antiforgery token, pages parsed with AngleSharp.
/// </summary>
public sealed class HttpSession : IDisposable
{
    private readonly HttpClient client;
    private static readonly IBrowsingContext Parser = BrowsingContext.New(Configuration.Default);

    public HttpSession(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        // With "Expect: 100-continue" the body waits for the server's answer; a busy machine may take more than the 1 s default.
        client = new HttpClient(new SocketsHttpHandler { CookieContainer = Cookies, AllowAutoRedirect = false, Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
            { BaseAddress = baseAddress };
    }

    public CookieContainer Cookies { get; }
    public HttpClient Client => client;

    public Task<HttpResponseMessage> GetAsync(string url) => client.GetAsync(url);

    public async Task<IDocument> PageAsync(string url, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"GET {url}: expected {expected}, got {(int)response.StatusCode} {response.StatusCode}. {Excerpt(html)}");
        return await Parse(html);
    }

    public static async Task<IDocument> Parse(string html) => await Parser.OpenAsync(r => r.Content(html));

    /// <summary>Fills the form on <paramref name="url"/> (the one whose action ends with <paramref name="handler"/>, or the first) and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, IDictionary<string, string> fields, string? handler = null)
    {
        var page = await PageAsync(url);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form")
            .FirstOrDefault(f => handler is null ? f.Method.Equals("post", StringComparison.OrdinalIgnoreCase) && !f.Action.Contains("logout") : f.Action.Contains($"handler={handler}"))
            ?? throw new InvalidOperationException($"No form{(handler is null ? "" : " for handler " + handler)} on {url}.");
        return await PostAsync(ActionOf(form, url), fields, TokenOf(page));
    }

    public async Task<HttpResponseMessage> PostAsync(string url, IDictionary<string, string> fields, string? token)
    {
        var values = new List<KeyValuePair<string, string>>(fields);
        if (token is not null) values.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts with repeated keys (checkbox groups).</summary>
    public async Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string token) =>
        await client.PostAsync(url, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

    public static string? TokenOf(IDocument page) =>
        page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value;

    private static string ActionOf(IHtmlFormElement form, string pageUrl)
    {
        var action = form.GetAttribute("action");
        return string.IsNullOrEmpty(action) ? pageUrl : action;
    }

    public async Task LogInAsync(string email, string password = DemoData.Password)
    {
        var response = await SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Logging in as {email} failed: {(int)response.StatusCode} {Excerpt(await response.Content.ReadAsStringAsync())}");
    }

    public static string Excerpt(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var text = start >= 0 ? html[start..] : html;
        return text.Length > 1500 ? text[..1500] : text;
    }

    public void Dispose() => client.Dispose();
}

public static class DocumentExtensions
{
    /// <summary>Every error message the page shows, from the error summary and the fields.</summary>
    public static IReadOnlyList<string> Errors(this IDocument page) =>
        page.QuerySelectorAll(".error-summary li, .field-error").Select(e => e.TextContent.Trim()).Distinct().ToList();

    public static string? ValueOf(this IDocument page, string name) =>
        page.QuerySelector<IHtmlInputElement>($"input[name='{name}']")?.Value;

    public static string MainText(this IDocument page) => page.QuerySelector("main")?.TextContent ?? "";
}
