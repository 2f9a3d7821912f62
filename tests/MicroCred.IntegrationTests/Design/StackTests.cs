using System.Net;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Common;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Design;

/// <summary>Stacks: the prerequisite check, what may join a stack, publishing rules and retired members.</summary>
public sealed class StackTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_sequential_stack_requires_the_credentials_before_it()
    {
        Assert.Empty(await fixture.Missing(DesignSeed.CollectiveLeadership));
        Assert.Equal([DesignSeed.CollectiveLeadership, DesignSeed.GoingPublic], (await fixture.Missing(DesignSeed.VirtualOrganizing)).Select(m => m.Name));
        Assert.Equal([DesignSeed.GoingPublic], (await fixture.Missing(DesignSeed.VirtualOrganizing, DesignSeed.CollectiveLeadership)).Select(m => m.Name));
        Assert.Empty(await fixture.Missing(DesignSeed.VirtualOrganizing, DesignSeed.CollectiveLeadership, DesignSeed.GoingPublic));
        Assert.All(await fixture.Missing(DesignSeed.GoingPublic), m => Assert.Equal(DesignSeed.LeadershipStack, m.StackName));
        // A stack earned in any order requires nothing.
        Assert.Empty(await fixture.Missing(DesignSeed.VideoFeedback));
    }

    [Fact]
    public async Task Refusals_keep_the_form_and_only_published_credentials_can_join()
    {
        using var developer = new HttpSession(fixture.BaseAddress);
        await developer.LogInAsync(DesignData.SpringfieldDeveloper);
        var response = await developer.SubmitAsync("/springfield/design/stacks/new", new Dictionary<string, string> { ["Input.Name"] = "Lonely stack" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Choose at least two micro-credentials for the stack.", page.Errors());
        Assert.Equal("Lonely stack", page.ValueOf("Input.Name"));

        var draft = await fixture.CredentialId("springfield", DesignSeed.ExitTickets);
        var retired = await fixture.CredentialId("springfield", DesignSeed.Whiteboard);
        var discourse = await fixture.CredentialId("springfield", DesignSeed.Discourse);
        var otherDistrict = await fixture.CredentialId("shelbyville", DesignSeed.RestorativeCircles);
        await using var scope = await fixture.As(DesignData.SpringfieldDeveloper, "springfield");
        var sender = AppFixture.Get<ISender>(scope);
        foreach (var bad in new[] { draft, retired, otherDistrict })
        {
            var refusal = await Assert.ThrowsAsync<DomainException>(() => sender.Send(new CreateStack("Bad", "", false, [discourse, bad])).AsTask());
            Assert.Equal("CredentialIds", refusal.Field);
        }
        var unpublished = await sender.Send(new CreateStack("No description yet", "", true, [discourse, await fixture.CredentialId("springfield", DesignSeed.VideoFeedback)]));
        Assert.Equal("Description", (await Assert.ThrowsAsync<DomainException>(() => sender.Send(new PublishStack(unpublished)).AsTask())).Field);
        // An unpublished sequential stack binds nobody.
        Assert.Empty(await fixture.Missing(DesignSeed.VideoFeedback));
    }

    [Fact]
    public async Task A_retired_credential_stays_in_the_stack_for_developers_but_leaves_the_public_page_and_the_requirements()
    {
        await using (var scope = await fixture.As(DesignData.SpringfieldDeveloper, "springfield"))
            await AppFixture.Get<ISender>(scope).Send(new RetireCredential(await fixture.CredentialId("springfield", DesignSeed.GoingPublic)));
        try
        {
            var stackId = await fixture.StackId("springfield", DesignSeed.LeadershipStack);
            using var visitor = new HttpSession(fixture.BaseAddress);
            var page = await visitor.PageAsync($"/springfield/stacks/{stackId}");
            Assert.Equal([DesignSeed.CollectiveLeadership, DesignSeed.VirtualOrganizing], page.QuerySelectorAll(".stack-list h3").Select(h => h.TextContent.Trim()));
            Assert.Equal([DesignSeed.CollectiveLeadership], (await fixture.Missing(DesignSeed.VirtualOrganizing)).Select(m => m.Name));

            using var developer = new HttpSession(fixture.BaseAddress);
            await developer.LogInAsync(DesignData.SpringfieldDeveloper);
            var edit = await developer.PageAsync($"/springfield/design/stacks/{stackId}");
            Assert.Contains("retired", edit.QuerySelectorAll(".stack-order-name")[1].TextContent);
            // Renaming still works although a member is retired.
            await using var scope = await fixture.As(DesignData.SpringfieldDeveloper, "springfield");
            var db = AppFixture.Get<AppDbContext>(scope);
            var stack = await db.Stacks.AsNoTracking().SingleAsync(s => s.Id == stackId);
            await AppFixture.Get<ISender>(scope).Send(new UpdateStack(stackId, stack.Name, stack.Description, stack.Sequential, stack.CredentialIds));
        }
        finally
        {
            await using var scope = await fixture.As(DesignData.SpringfieldDeveloper, "springfield");
            await AppFixture.Get<ISender>(scope).Send(new ReinstateCredential(await fixture.CredentialId("springfield", DesignSeed.GoingPublic)));
        }
    }
}
