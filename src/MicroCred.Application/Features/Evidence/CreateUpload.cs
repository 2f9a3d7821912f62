using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Evidence;

/// <summary>Where an upload stands: what the tus HEAD, PATCH and POST answers report.</summary>
public sealed record UploadStatus(Guid Id, string FileName, long Offset, long Length, UploadState State, bool Expired, DateTimeOffset ExpiresAt,
    Guid? FileId, string? Refusal)
{
    internal static UploadStatus Of(UploadSession upload, DateTimeOffset now) =>
        new(upload.Id, upload.FileName, upload.ReceivedBytes, upload.DeclaredLength, upload.State, upload.IsExpiredAt(now), upload.ExpiresAt,
            upload.StoredFileId, upload.Refusal);
}

/// <summary>
/// Starts a resumable upload of <paramref name="Length"/> bytes for a purpose (e.g. "library") and the thing it is
/// for. The client names only those: how large and which kinds is decided here, by the purpose's
/// <see cref="IUploadPolicy"/>, and fixed on the session.
/// </summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record CreateUpload(string? FileName, long Length, string Purpose, Guid? ContextId) : ICommand<UploadStatus>;

public sealed class CreateUploadValidator : AbstractValidator<CreateUpload>
{
    public CreateUploadValidator()
    {
        RuleFor(c => c.Purpose).NotEmpty().WithMessage("Say what the upload is for.")
            .MaximumLength(40).Matches("^[a-z0-9-]+$").WithMessage("Unknown upload purpose.");
        RuleFor(c => c.FileName).MaximumLength(1000).WithMessage("The file name is too long.");
    }
}

public sealed class CreateUploadHandler(AppDbContext db, UploadPolicies policies, IEvidenceStore store, ITenantContext tenant, ICurrentUser user,
    IOptions<UploadOptions> options, TimeProvider clock, ILogger<CreateUploadHandler> logger) : ICommandHandler<CreateUpload, UploadStatus>
{
    public async ValueTask<UploadStatus> Handle(CreateUpload command, CancellationToken ct)
    {
        var rule = await policies.DecideAsync(command.Purpose, command.ContextId, ct);
        if (!rule.Allowed) throw new UploadRefusedException(UploadProblem.NotAllowed, rule.Refusal ?? "Uploads are not accepted here.");

        var now = clock.GetUtcNow();
        var settings = options.Value;
        var upload = UploadSession.Start(tenant.TenantId!.Value, user.Id!.Value, command.FileName, command.Length, command.Purpose, command.ContextId,
            Math.Min(rule.MaxBytes, settings.MaxBytes), rule.AllowedKinds, settings.IdleLifetime, now);
        upload.UseStorage(await store.BeginUploadAsync(upload.TenantId, upload.Id, ct));
        db.UploadSessions.Add(upload);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await store.AbortUploadAsync(upload.StorageHandle, CancellationToken.None);
            throw;
        }
        logger.LogInformation("Upload {UploadId} started: {FileName}, {Length} bytes, for {Purpose}", upload.Id, upload.FileName, upload.DeclaredLength, upload.Purpose);
        return UploadStatus.Of(upload, now);
    }
}
