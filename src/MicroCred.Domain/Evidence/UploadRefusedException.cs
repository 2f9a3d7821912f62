using MicroCred.Domain.Common;

namespace MicroCred.Domain.Evidence;

/// <summary>Why an upload was refused; the web layer turns each into the matching HTTP status.</summary>
public enum UploadProblem
{
    /// <summary>This person may not upload for that purpose here.</summary>
    NotAllowed,
    Empty,
    TooLarge,
    /// <summary>The content is not one of the allowed kinds.</summary>
    WrongKind,
    /// <summary>The bytes were sent for another position than the one the upload has reached.</summary>
    OffsetMismatch,
    Expired,
    /// <summary>The upload has already completed, been refused or been cancelled.</summary>
    Finished,
    /// <summary>The part already received was lost by the storage: the upload must start again.</summary>
    Lost,
    /// <summary>Another request is still writing to this upload.</summary>
    Busy,
}

/// <summary>An upload rule refused the request. The message is for the teacher; <see cref="Problem"/> is for the protocol.</summary>
public sealed class UploadRefusedException(UploadProblem problem, string message) : DomainException(message)
{
    public UploadProblem Problem { get; } = problem;
}
