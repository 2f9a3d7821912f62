using MicroCred.Domain.Common;
using MicroCred.Domain.Design;

namespace MicroCred.UnitTests.Design;

public sealed class StackRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), C = Guid.NewGuid(), D = Guid.NewGuid();

    private static Stack Published(string name, bool sequential, params Guid[] ids)
    {
        var stack = Stack.Create(Guid.NewGuid(), name, "A pathway.", sequential, ids, Now);
        stack.Publish(Now);
        return stack;
    }

    [Fact]
    public void A_sequential_stack_requires_everything_before_the_credential()
    {
        var stack = Published("Leadership", true, A, B, C);
        Assert.Empty(stack.MissingPrerequisites(A, new HashSet<Guid>()));
        Assert.Equal([A, B], stack.MissingPrerequisites(C, new HashSet<Guid>()));
        Assert.Equal([B], stack.MissingPrerequisites(C, new HashSet<Guid> { A }));
        Assert.Empty(stack.MissingPrerequisites(C, new HashSet<Guid> { A, B }));
        Assert.Empty(stack.MissingPrerequisites(D, new HashSet<Guid>())); // not in the stack
        Assert.Empty(Published("Any order", false, A, B, C).MissingPrerequisites(C, new HashSet<Guid>()));
    }

    [Fact]
    public void Across_stacks_only_published_sequential_ones_bind_and_each_missing_credential_is_listed_once()
    {
        var first = Published("Alpha", true, A, B, C);
        var second = Published("Beta", true, B, D, C);
        var draft = Stack.Create(Guid.NewGuid(), "Draft", "", true, [D, A], Now);
        var missing = Stack.MissingPrerequisites([second, first, draft], C, new HashSet<Guid>());
        Assert.Equal([(A, first.Id), (B, first.Id), (D, second.Id)], missing.Select(m => (m.CredentialId, m.StackId)));
        Assert.Empty(Stack.MissingPrerequisites([draft], A, new HashSet<Guid>()));
    }

    [Fact]
    public void A_stack_needs_two_distinct_credentials_and_a_description_to_publish()
    {
        Assert.Equal("CredentialIds", Assert.Throws<DomainException>(() => Stack.Create(Guid.NewGuid(), "One", "", false, [A], Now)).Field);
        Assert.Equal("CredentialIds", Assert.Throws<DomainException>(() => Stack.Create(Guid.NewGuid(), "Twice", "", false, [A, A], Now)).Field);
        var stack = Stack.Create(Guid.NewGuid(), "Quiet", "", false, [A, B], Now);
        Assert.Equal("Description", Assert.Throws<DomainException>(() => stack.Publish(Now)).Field);
        Assert.False(stack.IsPublished);
    }
}
