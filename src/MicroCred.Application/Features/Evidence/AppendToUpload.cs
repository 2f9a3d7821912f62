using System.Buffers;
using System.Security.Cryptography;
using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// Streams the next bytes of an upload, from <paramref name="Offset"/> (which must be where the upload stands),
/// straight into the store. When the body stops early, what arrived is kept and recorded, so the client resumes
/// from there. When the last byte arrives the content is hashed and checked, and becomes a <see cref="StoredFile"/>;
/// content of a kind the upload does not accept is refused (early, from its first bytes, where possible) and its
/// bytes are dropped.
/// </summary>
[RequiresRole(DistrictRoles.Any)]
public sealed record AppendToUpload(Guid UploadId, long Offset, long? ContentLength, [property: NotAudited] Stream Body) : ICommand<UploadStatus>;

public sealed class AppendToUploadValidator : AbstractValidator<AppendToUpload>
{
    public AppendToUploadValidator()
    {
        RuleFor(c => c.Offset).GreaterThanOrEqualTo(0).WithMessage("The offset must be a number of bytes.");
        RuleFor(c => c.ContentLength).GreaterThanOrEqualTo(0).When(c => c.ContentLength is not null);
    }
}

public sealed class AppendToUploadHandler(AppDbContext db, IEvidenceStore store, UploadLocks locks, ICurrentUser user, IOptions<UploadOptions> options,
    TimeProvider clock, ILogger<AppendToUploadHandler> logger) : ICommandHandler<AppendToUpload, UploadStatus>
{
    /// <summary>Enough of the start of a file to recognise every kind except ZIP-based documents.</summary>
    private const int EarlyCheckBytes = 4096;

    public async ValueTask<UploadStatus> Handle(AppendToUpload command, CancellationToken ct)
    {
        await using var lease = await locks.AcquireAsync(command.UploadId, options.Value.LockWait, ct);
        var upload = await db.UploadSessions.SingleOrDefaultAsync(u => u.Id == command.UploadId && u.UserId == user.Id, ct)
            ?? throw new NotFoundException("Upload", command.UploadId);
        upload.EnsureCanAppend(command.Offset, clock.GetUtcNow());
        var remaining = upload.DeclaredLength - upload.ReceivedBytes;
        if (command.ContentLength > remaining)
            throw new UploadRefusedException(UploadProblem.TooLarge, $"Only {remaining} more bytes of this file were expected, not {command.ContentLength}.");

        using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Released);
        var head = command.Offset == 0 ? new HeadCapture(command.Body, ContentSniffer.HeadSize) : null;
        AppendResult appended;
        try
        {
            appended = await store.AppendAsync(upload.StorageHandle, command.Offset, upload.DeclaredLength, head ?? command.Body, reading.Token);
        }
        catch (UploadDataLostException e)
        {
            logger.LogWarning("Upload {UploadId} lost its bytes: {Reason}", upload.Id, e.Message);
            await RefuseAsync(upload, UploadProblem.Lost, "The part of this file already uploaded was lost on the server. Choose the file again to start over.");
            throw;
        }

        var now = clock.GetUtcNow();
        upload.Append(command.Offset, appended.Offset - command.Offset, now);

        if (head is not null && !upload.IsComplete && head.Captured.Length >= Math.Min(EarlyCheckBytes, upload.DeclaredLength))
        {
            var start = ContentSniffer.Detect(head.Captured.Span, [], upload.DeclaredLength);
            if (!start.MayBe(upload.AllowedKinds)) await RefuseAsync(upload, UploadProblem.WrongKind, FileKinds.Refusal(start, upload.AllowedKinds));
        }

        if (upload.IsComplete) await CompleteAsync(upload, now);
        else await db.SaveChangesAsync(CancellationToken.None); // record what arrived even when the client is gone
        return UploadStatus.Of(upload, now);
    }

    private async Task CompleteAsync(UploadSession upload, DateTimeOffset now)
    {
        var key = await store.CompleteUploadAsync(upload.StorageHandle, upload.DeclaredLength, CancellationToken.None);
        try
        {
            var (sha256, content) = await InspectAsync(key, upload.DeclaredLength);
            if (content.Kind == FileKind.None || (upload.AllowedKinds & content.Kind) == 0)
            {
                await store.DeleteAsync(key, CancellationToken.None);
                await RefuseAsync(upload, UploadProblem.WrongKind, FileKinds.Refusal(content, upload.AllowedKinds));
            }
            var file = StoredFile.FromUpload(upload, content, sha256, key, now);
            db.StoredFiles.Add(file);
            upload.Complete(file.Id, now);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation("Upload {UploadId} stored as file {FileId}: {Length} bytes of {ContentType}", upload.Id, file.Id, file.Length, file.ContentType);
        }
        catch (Exception e) when (e is not UploadRefusedException)
        {
            // Never keep bytes that no stored file accounts for.
            await store.DeleteAsync(key, CancellationToken.None);
            throw;
        }
    }

    /// <summary>SHA-256 of the stored bytes (one streaming pass), and the content's kind from its first and last bytes.</summary>
    private async Task<(string Sha256, DetectedContent Content)> InspectAsync(string key, long length)
    {
        await using var stream = await store.OpenReadAsync(key, CancellationToken.None);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[(int)Math.Min(length, ContentSniffer.HeadSize)];
        var headFilled = 0;
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        long total = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                var take = Math.Min(read, head.Length - headFilled);
                if (take > 0)
                {
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headFilled));
                    headFilled += take;
                }
                total += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (total != length) throw new UploadDataLostException($"Stored object {key} has {total} bytes, not {length}.");

        var tail = new byte[(int)Math.Min(length, ContentSniffer.TailSize)];
        stream.Seek(length - tail.Length, SeekOrigin.Begin);
        await stream.ReadExactlyAsync(tail, CancellationToken.None);
        return (Convert.ToHexStringLower(sha.GetHashAndReset()), ContentSniffer.Detect(head, tail, length));
    }

    /// <summary>Records the refusal (the bytes are dropped) and refuses the request with it.</summary>
    private async Task RefuseAsync(UploadSession upload, UploadProblem problem, string reason)
    {
        upload.Refuse(reason, clock.GetUtcNow());
        try
        {
            await store.AbortUploadAsync(upload.StorageHandle, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not drop the bytes of refused upload {UploadId}; cleanup will", upload.Id);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("Upload {UploadId} refused: {Reason}", upload.Id, reason);
        throw new UploadRefusedException(problem, reason);
    }
}
