using MicroCred.Domain.Common;

namespace MicroCred.Domain.Assessment;

/// <summary>Why someone may not assess a submission.</summary>
public enum Ineligibility
{
    /// <summary>Nobody assesses their own submission.</summary>
    OwnSubmission,
    /// <summary>The person does not hold the Assessor role in the district.</summary>
    NotAnAssessor,
    /// <summary>Not (or no longer) qualified for the micro-credential.</summary>
    NotQualified,
    /// <summary>A conflict of interest was declared between the assessor and the earner, by either of them.</summary>
    DeclaredConflict,
    /// <summary>The district forbids assessing someone from one's own school, and both are from the same one.</summary>
    SameSchool,
    /// <summary>The person already scores this submission in another role: scores must stay independent.</summary>
    AlreadyScoring,
}

/// <summary>
/// The conflict-of-interest rules (principle N), in one place. Every way work reaches an assessor (automatic
/// assignment, a claim from the queue, an Admin's assignment or reassignment, the choice of an adjudicator)
/// asks <see cref="AssessorPool"/>, which asks this.
/// </summary>
public static class ConflictOfInterest
{
    /// <summary>
    /// The conflict between an assessor and an earner, or null when there is none. The same-school rule needs both
    /// schools known: someone who has not said which school they are from cannot be matched (the Admin's schools
    /// page shows who is missing one).
    /// </summary>
    public static Ineligibility? Between(Guid assessorId, Guid? assessorSchoolId, Guid earnerId, Guid? earnerSchoolId,
        IEnumerable<ConflictDeclaration> declarations, bool forbidSameSchool)
    {
        if (assessorId == earnerId) return Ineligibility.OwnSubmission;
        if (declarations.Any(d => d.Between(assessorId, earnerId))) return Ineligibility.DeclaredConflict;
        if (forbidSameSchool && assessorSchoolId is { } school && earnerSchoolId == school) return Ineligibility.SameSchool;
        return null;
    }

    /// <summary>
    /// The refusal in words. Written so it can be shown to anyone, including an assessor under blind review: it
    /// names neither the earner nor the school.
    /// </summary>
    public static string Describe(Ineligibility reason) => reason switch
    {
        Ineligibility.OwnSubmission => "Nobody can assess their own submission.",
        Ineligibility.NotAnAssessor => "Only members with the Assessor role can assess submissions.",
        Ineligibility.NotQualified => "This assessor is not qualified for this micro-credential.",
        Ineligibility.DeclaredConflict => "A conflict of interest has been declared between this assessor and the earner.",
        Ineligibility.SameSchool => "The district does not allow assessing someone from one's own school.",
        _ => "This assessor already scores this submission: every score must be independent.",
    };

    /// <summary>
    /// The same rules for an Issuer (principle N applies to whoever makes the issuing decision): nobody awards a badge
    /// to themselves, or decides the work of someone they declared a conflict with (or, when the district forbids it,
    /// someone from their own school). The refusal in the Issuer's words.
    /// </summary>
    public static string DescribeForIssuer(Ineligibility reason) => reason switch
    {
        Ineligibility.OwnSubmission => "Nobody can issue a badge to themselves or decide their own work: another Issuer must do it.",
        Ineligibility.DeclaredConflict => "A conflict of interest has been declared between you and this person: another Issuer must decide.",
        Ineligibility.SameSchool => "The district does not allow deciding for someone from one's own school: another Issuer must decide.",
        _ => Describe(reason),
    };
}

/// <summary>An Issuer refused by the conflict rules (<see cref="ConflictOfInterest.DescribeForIssuer"/>).</summary>
public sealed class IssuerRefusedException(Ineligibility reason, string? field = null)
    : DomainException(ConflictOfInterest.DescribeForIssuer(reason), field)
{
    public Ineligibility Reason { get; } = reason;
}

/// <summary>A refused assignment or claim, with the rule that refused it.</summary>
public sealed class AssessorRefusedException(Ineligibility reason)
    : DomainException(ConflictOfInterest.Describe(reason), "AssessorId")
{
    public Ineligibility Reason { get; } = reason;
}

/// <summary>One member of the district as the assignment rules see them.</summary>
public sealed record PoolMember(Guid UserId, bool IsAssessor, Guid? SchoolId, IReadOnlySet<Guid> QualifiedFor);

/// <summary>A submission as the assignment rules see it.</summary>
public sealed record ReviewSubject(Guid SubmissionId, Guid EarnerId, Guid CredentialId);

/// <summary>How much open work an assessor holds, for choosing the least loaded.</summary>
public readonly record struct AssessorLoad(int OpenAssignments, DateTimeOffset? LastAssignedAt);

/// <summary>
/// The district's people at one moment: who holds the Assessor role, who is qualified for what, who is from
/// which school, and the declared conflicts. Answers "may this person assess this submission?" and "who should
/// get it?". Built by the application from the database; every assignment path goes through it.
/// </summary>
public sealed class AssessorPool
{
    private readonly Dictionary<Guid, PoolMember> members;
    private readonly IReadOnlyList<ConflictDeclaration> declarations;

    public AssessorPool(IEnumerable<PoolMember> members, IEnumerable<ConflictDeclaration> declarations, bool forbidSameSchool)
    {
        this.members = members.ToDictionary(m => m.UserId);
        this.declarations = declarations.Where(d => d.IsActive).ToList();
        ForbidSameSchool = forbidSameSchool;
    }

    public bool ForbidSameSchool { get; }

    public IEnumerable<PoolMember> Assessors => members.Values.Where(m => m.IsAssessor);

    /// <summary>Why <paramref name="assessorId"/> may not assess the submission, or null when they may.</summary>
    public Ineligibility? Check(Guid assessorId, ReviewSubject subject)
    {
        if (assessorId == subject.EarnerId) return Ineligibility.OwnSubmission;
        if (!members.TryGetValue(assessorId, out var assessor) || !assessor.IsAssessor) return Ineligibility.NotAnAssessor;
        if (!assessor.QualifiedFor.Contains(subject.CredentialId)) return Ineligibility.NotQualified;
        return Conflict(assessorId, subject.EarnerId);
    }

    /// <summary>The conflict of interest between two people of the district, if any (no role or qualification check).</summary>
    public Ineligibility? Conflict(Guid assessorId, Guid earnerId) => ConflictOfInterest.Between(
        assessorId, members.TryGetValue(assessorId, out var a) ? a.SchoolId : null,
        earnerId, members.TryGetValue(earnerId, out var e) ? e.SchoolId : null, declarations, ForbidSameSchool);

    /// <summary>Refuses an Issuer who would award or decide for themselves or someone they are in conflict with.</summary>
    public void EnsureMayIssue(Guid issuerId, Guid recipientId, string? field = null)
    {
        if (Conflict(issuerId, recipientId) is { } reason) throw new IssuerRefusedException(reason, field);
    }

    public void EnsureMayAssess(Guid assessorId, ReviewSubject subject)
    {
        if (Check(assessorId, subject) is { } reason) throw new AssessorRefusedException(reason);
    }

    /// <summary>Everyone who may assess the submission, apart from <paramref name="exclude"/>.</summary>
    public IReadOnlyList<Guid> Eligible(ReviewSubject subject, IEnumerable<Guid>? exclude = null)
    {
        var excluded = exclude?.ToHashSet() ?? [];
        return Assessors.Where(a => !excluded.Contains(a.UserId) && Check(a.UserId, subject) is null).Select(a => a.UserId).ToList();
    }

    /// <summary>
    /// The eligible assessor with the least open work; ties go to whoever was assigned least recently (never
    /// first), then to the lower id, so the choice is fair and repeatable. Null when nobody is eligible.
    /// </summary>
    public Guid? LeastLoaded(ReviewSubject subject, IEnumerable<Guid> exclude, IReadOnlyDictionary<Guid, AssessorLoad> loads)
    {
        var candidates = Eligible(subject, exclude);
        if (candidates.Count == 0) return null;
        AssessorLoad LoadOf(Guid id) => loads.TryGetValue(id, out var load) ? load : default;
        return candidates
            .OrderBy(id => LoadOf(id).OpenAssignments)
            .ThenBy(id => LoadOf(id).LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(id => id)
            .First();
    }
}
