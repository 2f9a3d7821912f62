namespace MicroCred.Web.Pages.Shared;

/// <summary>
/// Settings of the evidence uploader component, for any district page:
/// <code>&lt;partial name="_EvidenceUploader" model="new EvidenceUploader(&quot;prompt&quot;, promptId)" /&gt;</code>
/// It uploads one file at a time over the resumable protocol (pause, resume, automatic retry, resume after a
/// reload) and, once the file is stored, raises <c>evidence-upload-complete</c> on its element (it bubbles) with
/// <c>detail = { fileId, fileUrl, fileName, size }</c>: listen for it to attach the file.
/// </summary>
/// <param name="Purpose">The upload purpose; its <c>IUploadPolicy</c> decides, on the server, what may be uploaded.</param>
/// <param name="ContextId">The id of the thing the upload is for, passed to the policy.</param>
public sealed record EvidenceUploader(string Purpose, Guid? ContextId = null, string Label = "Choose a file to upload")
{
    /// <summary>Prefix of the element ids; unique per page when there are several uploaders.</summary>
    public string Id { get; init; } = "evidence-upload";

    /// <summary>What may be uploaded, in words (types and size).</summary>
    public string? Hint { get; init; }

    /// <summary>The file picker's <c>accept</c> filter: a convenience only, the server checks the content.</summary>
    public string? Accept { get; init; }
}
