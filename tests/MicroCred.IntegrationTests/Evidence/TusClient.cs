using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MicroCred.IntegrationTests.Infrastructure;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>
/// A signed-in member speaking tus 1.0.0 to the app, as the browser component does: their cookie, the page's
/// antiforgery token, no timeout (large uploads), no automatic redirects.
/// </summary>
public sealed class TusClient : IDisposable
{
    private readonly HttpSession session;
    private readonly string? token;
    private readonly bool ownsSession;

    private TusClient(HttpSession session, string district, string? token, Uri? instance = null)
    {
        this.session = session;
        this.token = token;
        ownsSession = instance is null;
        District = district;
        Http = new HttpClient(new SocketsHttpHandler { CookieContainer = session.Cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = instance ?? session.Client.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string District { get; }
    public HttpClient Http { get; }
    public HttpSession Session => session;

    /// <summary>Logs in and reads the antiforgery token from the uploader on "My evidence files" (as the page's script does).</summary>
    public static async Task<TusClient> ForAsync(Uri baseAddress, string email, string district)
    {
        var session = new HttpSession(baseAddress);
        await session.LogInAsync(email);
        var page = await session.PageAsync($"/{district}/evidence/files");
        var token = page.QuerySelector("[data-evidence-uploader]")?.GetAttribute("data-token");
        Assert.False(string.IsNullOrEmpty(token), "the uploader carries the antiforgery token");
        return new TusClient(session, district, token);
    }

    /// <summary>The same person (cookie and token) talking to another app instance on the same database.</summary>
    public TusClient On(Uri instance) => new(session, District, token, instance);

    /// <summary>Someone not signed in.</summary>
    public static TusClient Anonymous(Uri baseAddress, string district) => new(new HttpSession(baseAddress), district, null);

    public string Endpoint => $"/{District}/uploads";

    public HttpRequestMessage Request(HttpMethod method, string url, bool withToken = true)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        if (withToken && token is not null) request.Headers.Add("RequestVerificationToken", token);
        return request;
    }

    public static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(",", pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));

    public Task<HttpResponseMessage> CreateAsync(long length, string fileName, string purpose = "library", Guid? context = null, string? endpoint = null)
    {
        var request = Request(HttpMethod.Post, endpoint ?? Endpoint);
        request.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        var metadata = new List<(string, string)> { ("filename", fileName), ("purpose", purpose) };
        if (context is { } c) metadata.Add(("context", c.ToString()));
        request.Headers.Add("Upload-Metadata", Metadata([.. metadata]));
        return Http.SendAsync(request);
    }

    /// <summary>Starts an upload and returns its URL (path).</summary>
    public async Task<string> StartAsync(long length, string fileName, string purpose = "library", Guid? context = null)
    {
        using var response = await CreateAsync(length, fileName, purpose, context);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.True(response.Headers.Contains("Upload-Expires"));
        return response.Headers.Location!.OriginalString;
    }

    public Task<HttpResponseMessage> HeadAsync(string url) => Http.SendAsync(Request(HttpMethod.Head, url));

    public async Task<long> OffsetAsync(string url)
    {
        using var response = await HeadAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
    }

    public Task<HttpResponseMessage> PatchAsync(string url, long offset, byte[] bytes) => PatchAsync(url, offset, new MemoryStream(bytes), bytes.Length);

    public Task<HttpResponseMessage> PatchAsync(string url, long offset, Stream body, long? length, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = Request(HttpMethod.Patch, url);
        request.Headers.Add("Upload-Offset", offset.ToString(CultureInfo.InvariantCulture));
        var content = new StreamContent(body, 1 << 20);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        if (length is not null) content.Headers.ContentLength = length;
        request.Content = content;
        return Http.SendAsync(request, completion);
    }

    public Task<HttpResponseMessage> DeleteAsync(string url) => Http.SendAsync(Request(HttpMethod.Delete, url));

    /// <summary>Uploads a whole file in pieces of <paramref name="pieceSize"/> bytes; returns the upload URL and the stored file's id.</summary>
    public async Task<(string Url, Guid FileId)> UploadAsync(byte[] file, string fileName, string purpose = "library", int pieceSize = int.MaxValue)
    {
        var url = await StartAsync(file.Length, fileName, purpose);
        var offset = 0;
        HttpResponseMessage? last = null;
        while (offset < file.Length)
        {
            var count = Math.Min(pieceSize, file.Length - offset);
            last?.Dispose();
            last = await PatchAsync(url, offset, file.AsSpan(offset, count).ToArray());
            Assert.True(last.StatusCode == HttpStatusCode.NoContent, $"PATCH at {offset}: {(int)last.StatusCode} {await last.Content.ReadAsStringAsync()}");
            offset = int.Parse(last.Headers.GetValues("Upload-Offset").Single(), CultureInfo.InvariantCulture);
        }
        using (last) return (url, FileIdOf(last!));
    }

    public static Guid FileIdOf(HttpResponseMessage response) =>
        Guid.Parse(response.Headers.GetValues("MicroCred-File-Id").Single());

    public static Guid UploadIdOf(string url) => Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);

    public void Dispose()
    {
        Http.Dispose();
        if (ownsSession) session.Dispose();
    }
}
