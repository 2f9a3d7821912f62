namespace MicroCred.Application.Features.Tenancy;

/// <summary>
/// The audit trail's actions in words: the one place that says what each recorded action means to a person reading
/// the trail. An action is the command's type name, or the name a background job opens its audit scope with.
/// A test checks that every action the code can write has its wording here.
/// </summary>
public static class AuditActions
{
    private static readonly Dictionary<string, string> Wording = new(StringComparer.Ordinal)
    {
        // Accounts
        ["RegisterAccount"] = "Created an account",
        ["ConfirmEmail"] = "Confirmed their email address",
        ["ResendConfirmation"] = "Asked for the email confirmation again",
        ["LogIn"] = "Signed in",
        ["LogOut"] = "Signed out",
        ["ChangePassword"] = "Changed their password",
        ["ForgotPassword"] = "Asked to reset a forgotten password",
        ["ResetPassword"] = "Reset their password",
        ["SignOutEverywhere"] = "Signed out on every device",
        ["StartAuthenticatorSetup"] = "Started setting up an authenticator app",
        ["EnableAuthenticator"] = "Turned on sign-in codes from an authenticator app",
        ["DisableAuthenticator"] = "Turned off sign-in codes from an authenticator app",
        ["RegenerateRecoveryCodes"] = "Made new recovery codes",
        ["LogInWithSecondFactor"] = "Signed in with a second factor",
        ["AddPasskey"] = "Added a passkey",
        ["RemovePasskey"] = "Removed a passkey",
        ["LogInWithPasskey"] = "Signed in with a passkey",
        // Platform operators
        ["VerifyDistrict"] = "A platform operator verified the district",
        ["SuspendDistrict"] = "A platform operator suspended the district",
        ["UnsuspendDistrict"] = "A platform operator lifted the district's suspension",
        // Tenancy
        ["SignUpDistrict"] = "Signed up a new district",
        ["UpdateDistrictProfile"] = "Changed the district's profile",
        ["UpdateDistrictPolicy"] = "Changed the district's assessment policies",
        ["InviteMember"] = "Invited a person",
        ["InviteMany"] = "Invited several people at once",
        ["ResendInvitation"] = "Sent an invitation again",
        ["RevokeInvitation"] = "Withdrew an invitation",
        ["AcceptInvitation"] = "Accepted an invitation",
        ["AcceptInvitationWithNewAccount"] = "Accepted an invitation and created an account",
        ["ChangeMemberRoles"] = "Changed a member's roles",
        ["RemoveMember"] = "Removed a member from the district",
        ["DismissGettingStarted"] = "Dismissed the getting-started checklist",
        ["AddSchool"] = "Added a school",
        ["RenameSchool"] = "Renamed a school",
        ["RemoveSchool"] = "Removed a school",
        ["SetMemberSchool"] = "Set a member's school",
        ["ChooseMySchool"] = "Chose their school",
        ["SeedDemoData"] = "Loaded the demo data",
        // Design
        ["CreateCredential"] = "Created a micro-credential",
        ["AdaptCredential"] = "Adapted another district's micro-credential into a new draft",
        ["SaveCredentialDraft"] = "Saved a micro-credential draft",
        ["PublishCredential"] = "Published a micro-credential",
        ["StartNewVersion"] = "Started a new version of a micro-credential",
        ["DiscardDraft"] = "Discarded a micro-credential draft",
        ["RetireCredential"] = "Retired a micro-credential",
        ["ReinstateCredential"] = "Brought back a retired micro-credential",
        ["UploadCredentialImage"] = "Uploaded a badge image for a micro-credential",
        ["UseDefaultCredentialImage"] = "Went back to the default badge image of a micro-credential",
        ["CreateStack"] = "Created a stack",
        ["UpdateStack"] = "Changed a stack",
        ["PublishStack"] = "Published a stack",
        ["UploadStackImage"] = "Uploaded a badge image for a stack",
        ["UseDefaultStackImage"] = "Went back to the default badge image of a stack",
        ["UpdateDesignSettings"] = "Changed the rubric levels and standards frameworks",
        // Evidence
        ["StartCredential"] = "Started working on a micro-credential",
        ["PlanCredential"] = "Planned a micro-credential",
        ["UnplanCredential"] = "Removed a micro-credential from their plan",
        ["RecommendCredential"] = "Recommended a micro-credential",
        ["WithdrawRecommendation"] = "Withdrew a recommendation",
        ["CreateUpload"] = "Started uploading a file",
        ["AppendToUpload"] = "Uploaded part of a file",
        ["CancelUpload"] = "Cancelled an upload",
        ["AttachEvidenceFile"] = "Attached a file as evidence",
        ["DeleteEvidenceFile"] = "Deleted an evidence file",
        ["AddLink"] = "Added a link as evidence",
        ["RemoveEvidence"] = "Removed a piece of evidence",
        ["SaveReflection"] = "Saved a reflection",
        ["ShareEvidence"] = "Changed who can see a submission's evidence",
        ["SubmitForAssessment"] = "Submitted work for assessment",
        ["WithdrawSubmission"] = "Withdrew submitted work",
        ["StartNextAttempt"] = "Started another attempt",
        ["EvidenceCleanup"] = "Deleted expired evidence files",
        // Assessment
        ["AssignWork"] = "Assigned work to an assessor",
        ["AssignWaitingWorkNow"] = "Assigned waiting work",
        ["AssignWaitingWork"] = "Assigned waiting work automatically",
        ["ReassignWork"] = "Gave work to another assessor",
        ["ClaimWork"] = "Took work to assess",
        ["ReleaseWork"] = "Gave back work to assess",
        ["SaveScoreDraft"] = "Saved a score draft",
        ["SubmitScore"] = "Scored a submission",
        ["AutoAward"] = "Awarded a badge automatically after scoring",
        ["DeclareConflict"] = "Declared a conflict of interest",
        ["DeclareConflictOnSubmission"] = "Declared a conflict of interest on a submission",
        ["WithdrawConflict"] = "Withdrew a conflict of interest",
        ["ChangeQualification"] = "Changed an assessor's qualification",
        ["StartCalibration"] = "Started calibration",
        ["RateAnchor"] = "Scored a calibration example",
        ["SubmitCalibration"] = "Finished calibration",
        ["MarkAnchor"] = "Made a submission a calibration example",
        ["WriteAnchor"] = "Wrote a calibration example",
        ["ChangeAnchor"] = "Changed a calibration example",
        ["RetireAnchor"] = "Retired a calibration example",
        ["EmailWorkNeedingAttention"] = "Emailed the Admins about work needing attention",
        // Issuing
        ["DecideSubmissions"] = "Decided on submitted work",
        ["IssueBadge"] = "Issued a badge by hand",
        ["PreviewBadgeImport"] = "Uploaded a badge import file",
        ["StartBadgeImport"] = "Started a badge import",
        ["IssueImportedBadge"] = "Issued an imported badge",
        ["BadgeImportRunner"] = "Imported badges",
        ["RevokeBadge"] = "Revoked a badge",
        ["RotateSigningKey"] = "Replaced the badge signing key",
        ["ShowMyNameOnBadge"] = "Changed whether their name shows on a badge",
        ["SavePublicProfile"] = "Changed their public profile",
        // Recognition
        ["DefineCreditType"] = "Defined a credit type",
        ["RenameCreditType"] = "Renamed a credit type",
        ["AddRecognitionRule"] = "Added a recognition rule",
        ["ChangeRuleCredit"] = "Changed the credit a rule grants",
        ["SetRuleActive"] = "Turned a recognition rule on or off",
        ["SetRuleRequiresAssessed"] = "Changed whether a rule needs assessed badges",
        ["RequestCredit"] = "Requested credit for a badge",
        ["ApproveCreditRequest"] = "Approved a credit request",
        ["DeclineCreditRequest"] = "Declined a credit request",
        ["RescindCredit"] = "Rescinded credit because its badge was revoked",
        ["ClaimBadge"] = "Claimed a badge issued to their email",
        ["RemindOfRenewal"] = "Reminded earners that their badges expire soon",
        ["ApproveCredential"] = "Approved a credential version for publishing",
        ["SetPublishReview"] = "Changed whether credentials need a second review before publishing",
        ["SetAssessorQuality"] = "Changed how long qualifications last and when low agreement pauses an assessor",
        ["LiftAssessorPause"] = "Lifted an assessor's pause for a credential",
    };

    /// <summary>Every action with wording, in the order a person would look for them (by wording).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
        Wording.OrderBy(p => p.Value, StringComparer.CurrentCulture).ToList();

    public static bool IsKnown(string action) => Wording.ContainsKey(action);

    /// <summary>The action in words; an action without wording (written by code newer than this list) is spaced out.</summary>
    public static string Describe(string action) => Wording.TryGetValue(action, out var words) ? words : Humanize(action);

    /// <summary>"InviteMember" → "Invite member"; "ShownBadgeIds" → "Shown badge ids".</summary>
    public static string Humanize(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1])) text.Append(' ').Append(char.ToLowerInvariant(c));
            else text.Append(i == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
