using System.Net;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Tenancy;

/// <summary>An invitation link that reached the wrong person (forwarded, leaked, guessed from a screenshot).</summary>
public sealed class InvitationBindingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Someone_signed_in_with_another_email_cannot_accept_and_the_invitation_stays_for_its_owner()
    {
        Guid invitationId;
        await using (var scope = await fixture.As("admin@springfield.test", "springfield"))
            invitationId = await AppFixture.Get<ISender>(scope).Send(new InviteMember("bound.person@example.org", DistrictRole.Issuer));
        var link = Mailbox.LinkIn((await fixture.LatestTo("bound.person@example.org")).Body);

        using var intruder = new HttpSession(fixture.BaseAddress);
        await intruder.LogInAsync("earner@shelbyville.test");
        var refused = await intruder.SubmitAsync(link, new Dictionary<string, string>(), "Accept");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("This invitation is for bound.person@example.org, and you are signed in as earner@shelbyville.test.",
            (await HttpSession.Parse(await refused.Content.ReadAsStringAsync())).MainText());
        Assert.Equal(HttpStatusCode.Forbidden, (await intruder.GetAsync("/springfield/issuing")).StatusCode);

        var intruderId = await fixture.UserId("earner@shelbyville.test");
        await using (var check = await fixture.As("admin@springfield.test", "springfield"))
        {
            var db = AppFixture.Get<AppDbContext>(check);
            Assert.False(await db.Memberships.AnyAsync(m => m.UserId == intruderId));
            Assert.Null((await db.Invitations.SingleAsync(i => i.Id == invitationId)).AcceptedAt);
        }

        // The owner still accepts with the same link, by creating the account for that email.
        using var owner = new HttpSession(fixture.BaseAddress);
        var accepted = await owner.SubmitAsync(link, new Dictionary<string, string> { ["Input.DisplayName"] = "Bound Person", ["Input.Password"] = "river stones and maple leaves" }, "Register");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/springfield")).StatusCode);
    }
}
