using MicroCred.Application.Features.Accounts;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Account.Manage;

[Throttled(Throttled.DataExport)]
public sealed class DataModel(PersonalDataExport export, TimeProvider clock) : PageModel
{
    public void OnGet() { }

    /// <summary>Streams the ZIP as it is built: evidence files can be far larger than memory should hold.</summary>
    public async Task<IActionResult> OnPostDownloadAsync(CancellationToken ct)
    {
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition
        {
            FileName = PersonalDataExport.FileName(clock.GetUtcNow()), DispositionType = "attachment",
        }.ToString();
        Response.Headers.CacheControl = "no-store";
        // System.IO.Compression still flushes a finished entry's compressed tail synchronously, even through its async API.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } body) body.AllowSynchronousIO = true;
        await export.WriteAsync(Response.Body, ct);
        return new EmptyResult(); // the response is written: no page after it
    }
}
