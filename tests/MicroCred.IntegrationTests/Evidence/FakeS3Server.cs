using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>
/// Just enough of an S3-compatible server, path-style, in memory, for the real AWS SDK to talk to: PUT, GET (with
/// ranges), HEAD and DELETE of objects, and multipart uploads (create, upload part, list parts, complete, abort)
/// with S3's rule that every part but the last has at least 5 MiB. Understands the SDK's aws-chunked bodies.
/// </summary>
public sealed class FakeS3Server : IAsyncDisposable
{
    private const string Xmlns = "http://s3.amazonaws.com/doc/2006-03-01/";
    private readonly WebApplication app;

    private FakeS3Server(WebApplication app) => this.app = app;

    public ConcurrentDictionary<string, byte[]> Objects { get; } = new();
    public ConcurrentDictionary<string, Multipart> Uploads { get; } = new();
    /// <summary>Sizes of the parts each completed upload was made of, by key.</summary>
    public ConcurrentDictionary<string, long[]> CompletedParts { get; } = new();
    public ConcurrentQueue<string> Log { get; } = new();
    public Uri Url { get; private set; } = default!;

    public sealed record Multipart(string Key)
    {
        public ConcurrentDictionary<int, byte[]> Parts { get; } = new();
    }

    public static async Task<FakeS3Server> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxRequestBodySize = null;
        });
        var app = builder.Build();
        var server = new FakeS3Server(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = new Uri(address);
        return server;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value!.TrimStart('/');
        var slash = path.IndexOf('/');
        if (slash < 0)
        {
            await Error(http, 400, "InvalidRequest", "Path-style requests only.");
            return;
        }
        var key = path[..slash] + "/" + Uri.UnescapeDataString(path[(slash + 1)..]);
        var query = http.Request.Query;
        var method = http.Request.Method;
        Log.Enqueue($"{method} {key}{http.Request.QueryString}");

        if (HttpMethods.IsPost(method) && query.ContainsKey("uploads"))
        {
            var id = Guid.NewGuid().ToString("N");
            Uploads[id] = new Multipart(key);
            await Xml(http, new XElement(X("InitiateMultipartUploadResult"), new XElement(X("Bucket"), path[..slash]),
                new XElement(X("Key"), path[(slash + 1)..]), new XElement(X("UploadId"), id)));
        }
        else if (HttpMethods.IsPost(method) && query.TryGetValue("uploadId", out var completeId))
        {
            await Complete(http, key, completeId!);
        }
        else if (HttpMethods.IsPut(method) && query.TryGetValue("uploadId", out var partUpload))
        {
            if (!Uploads.TryGetValue(partUpload!, out var upload) || upload.Key != key)
            {
                await Error(http, 404, "NoSuchUpload", "No such upload.");
                return;
            }
            var number = int.Parse(query["partNumber"]!, CultureInfo.InvariantCulture);
            var body = await BodyAsync(http);
            upload.Parts[number] = body;
            http.Response.Headers.ETag = ETag(body);
        }
        else if (HttpMethods.IsPut(method))
        {
            var body = await BodyAsync(http);
            Objects[key] = body;
            http.Response.Headers.ETag = ETag(body);
        }
        else if (HttpMethods.IsGet(method) && query.TryGetValue("uploadId", out var listId))
        {
            if (!Uploads.TryGetValue(listId!, out var upload))
            {
                await Error(http, 404, "NoSuchUpload", "No such upload.");
                return;
            }
            var parts = upload.Parts.OrderBy(p => p.Key).Select(p => new XElement(X("Part"),
                new XElement(X("PartNumber"), p.Key), new XElement(X("LastModified"), DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
                new XElement(X("ETag"), ETag(p.Value)), new XElement(X("Size"), p.Value.Length)));
            await Xml(http, new XElement(X("ListPartsResult"), new XElement(X("Bucket"), path[..slash]), new XElement(X("Key"), path[(slash + 1)..]),
                new XElement(X("UploadId"), listId.ToString()), new XElement(X("PartNumberMarker"), 0),
                new XElement(X("NextPartNumberMarker"), upload.Parts.Keys.DefaultIfEmpty(0).Max()), new XElement(X("MaxParts"), 1000),
                new XElement(X("IsTruncated"), "false"), parts));
        }
        else if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            if (!Objects.TryGetValue(key, out var body))
            {
                if (HttpMethods.IsHead(method)) http.Response.StatusCode = 404;
                else await Error(http, 404, "NoSuchKey", "The specified key does not exist.");
                return;
            }
            await Serve(http, body);
        }
        else if (HttpMethods.IsDelete(method) && query.TryGetValue("uploadId", out var abortId))
        {
            if (!Uploads.TryRemove(abortId!, out _))
            {
                await Error(http, 404, "NoSuchUpload", "No such upload.");
                return;
            }
            http.Response.StatusCode = 204;
        }
        else if (HttpMethods.IsDelete(method))
        {
            Objects.TryRemove(key, out _);
            http.Response.StatusCode = 204;
        }
        else
        {
            await Error(http, 405, "MethodNotAllowed", "Not implemented by the fake.");
        }
    }

    private async Task Complete(HttpContext http, string key, string uploadId)
    {
        if (!Uploads.TryGetValue(uploadId, out var upload) || upload.Key != key)
        {
            await Error(http, 404, "NoSuchUpload", "No such upload.");
            return;
        }
        var request = XDocument.Parse(Encoding.UTF8.GetString(await BodyAsync(http)));
        var listed = request.Descendants().Where(e => e.Name.LocalName == "Part")
            .Select(p => (Number: int.Parse(p.Elements().Single(e => e.Name.LocalName == "PartNumber").Value, CultureInfo.InvariantCulture),
                ETag: p.Elements().Single(e => e.Name.LocalName == "ETag").Value))
            .ToList();
        var parts = new List<byte[]>();
        for (var i = 0; i < listed.Count; i++)
        {
            if (!upload.Parts.TryGetValue(listed[i].Number, out var part) || ETag(part) != listed[i].ETag || (i > 0 && listed[i].Number <= listed[i - 1].Number))
            {
                await Error(http, 400, "InvalidPart", $"Part {listed[i].Number} is missing, out of order or has another ETag.");
                return;
            }
            if (i < listed.Count - 1 && part.Length < 5 * 1024 * 1024)
            {
                await Error(http, 400, "EntityTooSmall", $"Part {listed[i].Number} has {part.Length} bytes; parts but the last need 5 MiB.");
                return;
            }
            parts.Add(part);
        }
        var whole = parts.SelectMany(p => p).ToArray();
        Objects[key] = whole;
        CompletedParts[key] = parts.Select(p => (long)p.Length).ToArray();
        Uploads.TryRemove(uploadId, out _);
        await Xml(http, new XElement(X("CompleteMultipartUploadResult"), new XElement(X("Location"), Url + key),
            new XElement(X("Bucket"), key[..key.IndexOf('/')]), new XElement(X("Key"), key[(key.IndexOf('/') + 1)..]), new XElement(X("ETag"), ETag(whole))));
    }

    private static async Task Serve(HttpContext http, byte[] body)
    {
        http.Response.Headers.ETag = ETag(body);
        http.Response.Headers.LastModified = DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        http.Response.Headers.AcceptRanges = "bytes";
        http.Response.ContentType = "application/octet-stream";
        long start = 0, end = body.Length - 1;
        var range = http.Request.Headers.Range.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            var spec = range["bytes=".Length..].Split('-');
            start = long.Parse(spec[0], CultureInfo.InvariantCulture);
            if (spec[1].Length > 0) end = Math.Min(end, long.Parse(spec[1], CultureInfo.InvariantCulture));
            http.Response.StatusCode = 206;
            http.Response.Headers.ContentRange = $"bytes {start}-{end}/{body.Length}";
        }
        http.Response.ContentLength = end - start + 1;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(body.AsMemory((int)start, (int)(end - start + 1)));
    }

    /// <summary>The request body, decoded from aws-chunked ("size;chunk-signature=…\r\n data \r\n … 0;…") when the SDK signs it in chunks.</summary>
    private static async Task<byte[]> BodyAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer);
        var raw = buffer.ToArray();
        var sha = http.Request.Headers["x-amz-content-sha256"].ToString();
        var encoding = http.Request.Headers.ContentEncoding.ToString();
        if (!sha.StartsWith("STREAMING-", StringComparison.Ordinal) && !encoding.Contains("aws-chunked", StringComparison.Ordinal)) return raw;

        using var decoded = new MemoryStream();
        var at = 0;
        while (at < raw.Length)
        {
            var lineEnd = raw.AsSpan(at).IndexOf("\r\n"u8);
            var line = Encoding.ASCII.GetString(raw, at, lineEnd);
            var size = int.Parse(line.Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            at += lineEnd + 2;
            if (size == 0) break;
            decoded.Write(raw, at, size);
            at += size + 2;
        }
        return decoded.ToArray();
    }

    private static string ETag(byte[] body) => "\"" + Convert.ToHexStringLower(MD5.HashData(body)) + "\"";

    private static XName X(string name) => XName.Get(name, Xmlns);

    private static async Task Xml(HttpContext http, XElement root)
    {
        http.Response.ContentType = "application/xml";
        await http.Response.WriteAsync(new XDocument(new XDeclaration("1.0", "UTF-8", null), root).Declaration + root.ToString(SaveOptions.DisableFormatting));
    }

    private static async Task Error(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        await Xml(http, new XElement("Error", new XElement("Code", code), new XElement("Message", message)));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
