using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages;

/// <summary>Re-executed for error status codes: a page that says what happened in plain words.</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    [FromRoute] public int Code { get; set; }

    /// <summary>The district of the refused page, when a platform operator has suspended it.</summary>
    private MicroCred.Application.Features.Tenancy.DistrictSummary? Suspended =>
        MicroCred.Web.Infrastructure.HttpContextDistrictExtensions.District(HttpContext) is { Suspended: true } d ? d : null;

    public string Title => Code switch
    {
        403 when Suspended is { } d => $"{d.Name} is suspended",
        404 => "Page not found",
        403 => "You do not have access to this page",
        400 => "The request was not understood",
        413 => "That upload is too large",
        429 => "Too many requests",
        _ => "Something went wrong",
    };

    public string Explanation => Code switch
    {
        403 when Suspended is not null => "The platform operator has suspended this district: nobody can sign in to it or act in it, and it issues no badges. Badges it issued before keep verifying. The district's contact can ask the operator why.",
        404 => "The address may be mistyped, or the page may belong to a district you are not part of.",
        403 => "Your roles in this district do not include what this page needs. Ask the district's Admin if you think they should.",
        400 => "Please go back and try again.",
        413 => "What you sent is larger than this page accepts. Please go back and send fewer or smaller files.",
        429 => "You have sent many requests in a short time. Please wait a minute and try again.",
        _ => "Please try again in a moment.",
    };

    public void OnGet()
    {
        // A request whose form cannot be read (too large) is re-executed here with no bindable values at all.
        if (Code == 0) Code = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode ?? StatusCodes.Status400BadRequest;
        Response.StatusCode = Code;
    }

    public void OnPost() => OnGet();
}
