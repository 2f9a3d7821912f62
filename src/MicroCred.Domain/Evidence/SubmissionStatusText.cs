namespace MicroCred.Domain.Evidence;

public static class SubmissionStatusText
{
    /// <summary>"Draft", "In review", "Not yet": a submission's status as every page writes it.</summary>
    public static string Label(this SubmissionStatus status) => status switch
    {
        SubmissionStatus.Draft => "Draft",
        SubmissionStatus.Submitted => "Submitted",
        SubmissionStatus.InReview => "In review",
        SubmissionStatus.Scored => "Scored",
        SubmissionStatus.Awarded => "Awarded",
        SubmissionStatus.NotYet => "Not yet",
        _ => status.ToString(),
    };
}
