using System.Text.RegularExpressions;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;

namespace MicroCred.UnitTests.Tenancy;

public sealed partial class AuditActionsTests
{
    [Fact]
    public void Every_command_has_its_action_in_words()
    {
        var commands = typeof(AuditScope).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Mediator.IBaseCommand).IsAssignableFrom(t)).Select(t => t.Name).ToList();
        Assert.True(commands.Count > 80, $"Only {commands.Count} commands found: the reflection is looking in the wrong place.");
        var missing = commands.Where(c => !AuditActions.IsKnown(c)).ToList();
        Assert.True(missing.Count == 0, "No wording in AuditActions for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_background_job_that_writes_has_its_action_in_words()
    {
        // Jobs open the audit scope themselves with a literal name or nameof(...): find every one in the source.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MicroCred.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var actions = Directory.EnumerateFiles(Path.Combine(root.FullName, "src"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => BeginCall().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups["literal"].Success ? m.Groups["literal"].Value : m.Groups["name"].Value.Split('.')[^1])
            .Distinct().ToList();
        Assert.Contains("SeedDemoData", actions);
        Assert.Contains("BadgeImportRunner", actions);
        var missing = actions.Where(a => !AuditActions.IsKnown(a)).ToList();
        Assert.True(missing.Count == 0, "No wording in AuditActions for: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("AcceptInvitationWithNewAccount", "Accepted an invitation and created an account")]
    [InlineData("InviteMember", "Invited a person")]
    [InlineData("SomethingNewer", "Something newer")]
    public void Actions_read_as_words(string action, string words) => Assert.Equal(words, AuditActions.Describe(action));

    [Fact]
    public void The_filter_lists_each_action_once_in_words() =>
        Assert.Equal(AuditActions.All.Count, AuditActions.All.Select(a => a.Value).Distinct().Count());

    [GeneratedRegex("""\.Begin\(\s*(?:"(?<literal>\w+)"|nameof\((?<name>[\w.]+)\))""")]
    private static partial Regex BeginCall();
}
