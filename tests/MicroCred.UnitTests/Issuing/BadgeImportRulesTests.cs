using MicroCred.Domain.Common;
using MicroCred.Domain.Issuing;

namespace MicroCred.UnitTests.Issuing;

public sealed class BadgeImportRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly ImportCredential Talk = new(Guid.NewGuid(), Guid.NewGuid(), "Accountable Talk");

    private static BadgeImportRow Row(string? email = "Erin@School.org", string? credential = "Accountable Talk", string? date = "2025-06-30", string? url = null, string? name = null) =>
        BadgeImportRow.Read(2, email, credential, date, url, name, text => text == "Accountable Talk" ? Talk : null, Now);

    [Fact]
    public void A_good_row_is_ready_with_its_credential_and_date_at_midnight_utc()
    {
        var row = Row(url: "https://example.org/e");
        Assert.Equal(ImportRowStatus.Ready, row.Status);
        Assert.Equal("erin@school.org", row.Email);
        Assert.Equal(Talk.VersionId, row.CredentialVersionId);
        Assert.Equal(new DateTimeOffset(2025, 6, 30, 0, 0, 0, TimeSpan.Zero), row.IssuedOn);
        Assert.Equal("https://example.org/e", row.EvidenceUrl);
        Assert.Equal($"erin@school.org|{Talk.CredentialId}", row.Key);
    }

    [Theory]
    [InlineData("", "Accountable Talk", "2025-01-01", null, "The email is missing.")]
    [InlineData("erin", "Accountable Talk", "2025-01-01", null, "“erin” is not an email address.")]
    [InlineData("e@s.org", "", "2025-01-01", null, "The credential is missing")]
    [InlineData("e@s.org", "Knitting", "2025-01-01", null, "No published micro-credential of this district is called “Knitting”.")]
    [InlineData("e@s.org", "Accountable Talk", "", null, "The date is missing")]
    [InlineData("e@s.org", "Accountable Talk", "06/30/2025", null, "“06/30/2025” is not a date")]
    [InlineData("e@s.org", "Accountable Talk", "2026-11-24", null, "The date 2026-11-24 is in the future")]
    [InlineData("e@s.org", "Accountable Talk", "1950-01-01", null, "too long ago")]
    [InlineData("e@s.org", "Accountable Talk", "2025-01-01", "javascript:alert(1)", "is not a web address")]
    public void Each_problem_is_an_error_on_the_row(string email, string credential, string date, string? url, string message)
    {
        var row = Row(email, credential, date, url);
        Assert.Equal(ImportRowStatus.Error, row.Status);
        Assert.Contains(message, row.Message);
    }

    [Fact]
    public void Timestamps_with_an_offset_are_accepted_and_kept_in_utc()
    {
        Assert.Equal(new DateTimeOffset(2025, 6, 30, 7, 0, 0, TimeSpan.Zero), BadgeImportRow.ParseDate("2025-06-30T09:00:00+02:00"));
        Assert.Null(BadgeImportRow.ParseDate("2025-02-30"));
    }

    [Fact]
    public void Duplicates_and_held_badges_change_only_ready_rows()
    {
        var duplicate = Row();
        duplicate.DuplicateOf(2);
        Assert.Equal(ImportRowStatus.Error, duplicate.Status);
        Assert.Contains("Duplicate of line 2", duplicate.Message);
        duplicate.AlreadyHeld(Now);
        Assert.Equal(ImportRowStatus.Error, duplicate.Status);

        var held = Row();
        held.AlreadyHeld(new DateTimeOffset(2024, 2, 2, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(ImportRowStatus.Skipped, held.Status);
        Assert.Equal("Already holds this badge (issued 2 February 2024).", held.Message);
    }

    [Fact]
    public void An_import_starts_once_counts_each_row_and_completes_when_every_planned_row_is_done()
    {
        var ready = Row();
        var error = Row(email: "nope");
        var import = BadgeImport.Preview(Guid.NewGuid(), "../../etc/records.csv", Guid.NewGuid(), [ready, error], Now);
        Assert.Equal("records.csv", import.FileName);
        Assert.Equal((1, 1, 0), (import.ReadyCount, import.ErrorCount, import.SkippedCount));
        Assert.Equal(import.Id, ready.ImportId);

        import.Start(Guid.NewGuid(), Now);
        Assert.Equal(BadgeImportStatus.Queued, import.Status);
        Assert.Contains("already started", Assert.Throws<DomainException>(() => import.Start(Guid.NewGuid(), Now)).Message);
        ready.Issued(Guid.NewGuid(), null, Now);
        import.Record(ImportRowStatus.Issued, Now);
        Assert.Equal(BadgeImportStatus.Completed, import.Status);
        Assert.Equal(100, import.Percent);
        Assert.Throws<DomainException>(() => ready.FailedAtRun("again", Now));
    }

    [Fact]
    public void An_import_with_nothing_ready_cannot_start()
    {
        var import = BadgeImport.Preview(Guid.NewGuid(), "a.csv", Guid.NewGuid(), [Row(email: "nope")], Now);
        Assert.Contains("No row is ready", Assert.Throws<DomainException>(() => import.Start(Guid.NewGuid(), Now)).Message);
    }

    [Theory]
    [InlineData("pat-rivera", true)]
    [InlineData("Pat2", true)]
    [InlineData("ab", false)]
    [InlineData("-pat", false)]
    [InlineData("pat-", false)]
    [InlineData("pat rivera", false)]
    [InlineData("pät", false)]
    [InlineData("pat/../x", false)]
    public void Profile_handles_are_url_safe_and_normalised_for_uniqueness(string handle, bool valid)
    {
        if (valid)
        {
            var profile = PublicProfile.Create(Guid.NewGuid(), handle, false, [], Now);
            Assert.Equal(handle.ToLowerInvariant(), profile.NormalizedHandle);
            Assert.False(profile.IsPublic);
        }
        else
        {
            Assert.Equal("Handle", Assert.Throws<DomainException>(() => PublicProfile.CheckHandle(handle)).Field);
        }
    }
}
