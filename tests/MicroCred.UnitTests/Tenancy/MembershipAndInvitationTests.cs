using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;

namespace MicroCred.UnitTests.Tenancy;

public sealed class MembershipAndInvitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid DistrictId = Guid.NewGuid();

    [Fact]
    public void A_membership_needs_a_role()
    {
        var refusal = Assert.Throws<DomainException>(() => Membership.Join(DistrictId, Guid.NewGuid(), DistrictRole.None, Now));
        Assert.Equal("Roles", refusal.Field);
    }

    [Fact]
    public void The_last_Admin_keeps_the_Admin_role_until_another_Admin_exists()
    {
        var admin = Membership.Join(DistrictId, Guid.NewGuid(), DistrictRole.Admin | DistrictRole.Developer, Now);
        Assert.Throws<DomainException>(() => admin.ChangeRoles(DistrictRole.Developer, otherAdmins: 0));
        Assert.Throws<DomainException>(() => admin.EnsureCanLeave(otherAdmins: 0));
        Assert.True(admin.Has(DistrictRole.Admin));

        admin.ChangeRoles(DistrictRole.Developer, otherAdmins: 1);
        Assert.Equal(DistrictRole.Developer, admin.Roles);
        admin.EnsureCanLeave(otherAdmins: 0);
    }

    [Fact]
    public void Granting_adds_roles_and_never_removes_them()
    {
        var member = Membership.Join(DistrictId, Guid.NewGuid(), DistrictRole.Earner, Now);
        member.Grant(DistrictRole.Assessor);
        Assert.Equal(DistrictRole.Earner | DistrictRole.Assessor, member.Roles);
    }

    [Fact]
    public void An_invitation_is_pending_until_accepted_revoked_or_expired()
    {
        var invitation = Invitation.Create(DistrictId, " Teacher@School.org ", DistrictRole.Earner, "hash", Guid.NewGuid(), Now);
        Assert.Equal("teacher@school.org", invitation.Email);
        Assert.Equal(InvitationStatus.Pending, invitation.StatusAt(Now));
        Assert.Equal(InvitationStatus.Expired, invitation.StatusAt(Now + Invitation.Lifetime));
        Assert.Contains("expired", Assert.Throws<DomainException>(() => invitation.Accept(Guid.NewGuid(), Now + Invitation.Lifetime)).Message);

        var user = Guid.NewGuid();
        invitation.Accept(user, Now.AddDays(1));
        Assert.Equal(InvitationStatus.Accepted, invitation.StatusAt(Now.AddDays(2)));
        Assert.Equal(user, invitation.AcceptedBy);
        Assert.Contains("already been used", Assert.Throws<DomainException>(() => invitation.Accept(Guid.NewGuid(), Now.AddDays(2))).Message);
        Assert.Throws<DomainException>(() => invitation.Revoke(Now.AddDays(2)));
    }

    [Fact]
    public void A_revoked_invitation_cannot_be_accepted()
    {
        var invitation = Invitation.Create(DistrictId, "t@school.org", DistrictRole.Earner, "hash", Guid.NewGuid(), Now);
        invitation.Revoke(Now);
        Assert.Contains("withdrawn", Assert.Throws<DomainException>(() => invitation.Accept(Guid.NewGuid(), Now)).Message);
    }

    [Theory]
    [InlineData("not an email")]
    [InlineData("a@b@c")]
    [InlineData("@school.org")]
    [InlineData("")]
    public void An_invitation_needs_an_email_address(string email) =>
        Assert.Equal("Email", Assert.Throws<DomainException>(() => Invitation.Create(DistrictId, email, DistrictRole.Earner, "h", Guid.NewGuid(), Now)).Field);

    [Fact]
    public void A_district_checks_its_profile()
    {
        var district = District.SignUp("Springfield", "springfield", "Springfield Public Schools", "https://springfield.example.org", "PD@Springfield.example.org", Now);
        Assert.Equal("pd@springfield.example.org", district.ContactEmail);
        Assert.Equal("https://springfield.example.org/", district.Website);
        Assert.Equal("Website", Assert.Throws<DomainException>(() => district.UpdateProfile("S", "S", "ftp://x", "a@b.org", null)).Field);
        Assert.Equal("Color", Assert.Throws<DomainException>(() => district.UpdateProfile("S", "S", null, "a@b.org", "blue")).Field);
        district.UpdateProfile("S", "S", null, "a@b.org", "#AA3300");
        Assert.Equal("#aa3300", district.Color);
        Assert.Equal("Slug", Assert.Throws<DomainException>(() => District.SignUp("X", "verify", "X", null, "a@b.org", Now)).Field);
    }

    [Fact]
    public void Roles_describe_themselves_in_the_demo_line_format()
    {
        Assert.Equal("Earner,Assessor", (DistrictRole.Assessor | DistrictRole.Earner).Describe());
        Assert.Equal(DistrictRole.Admin | DistrictRole.Issuer, DistrictRoles.Combine([DistrictRole.Issuer, DistrictRole.Admin]));
    }
}
