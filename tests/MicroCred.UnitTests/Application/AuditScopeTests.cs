using MicroCred.Application.Common;
using MicroCred.Application.Data;

namespace MicroCred.UnitTests.Application;

public sealed class AuditScopeTests
{
    private sealed record ChangeSomething(string Email, string Password, string ResetToken, [property: NotAudited] string Private, int Count);

    [Fact]
    public void Details_keep_the_fields_and_leave_out_secrets()
    {
        var user = new CurrentUser();
        user.Set(Guid.NewGuid(), "a@b.org", "Alicia");
        var scope = new AuditScope(user, TimeProvider.System);
        using (scope.Begin("ChangeSomething", new ChangeSomething("x@y.org", "hunter2 passphrase", "tok-123", "private", 3)))
        {
            var entry = scope.Entry(Guid.NewGuid(), "Added Thing 1");
            Assert.Equal("ChangeSomething", entry.Action);
            Assert.Equal("Alicia", entry.ActorName);
            Assert.Contains("x@y.org", entry.Details);
            Assert.Contains("\"Count\":3", entry.Details);
            Assert.DoesNotContain("hunter2", entry.Details);
            Assert.DoesNotContain("tok-123", entry.Details);
            Assert.DoesNotContain("private", entry.Details);
        }
        Assert.False(scope.IsOpen);
    }

    private sealed record SaveSomethingLarge(Guid Id, IReadOnlyList<string> Paragraphs);

    [Fact]
    public void Details_too_long_for_the_trail_leave_out_the_largest_field_and_stay_valid_json()
    {
        var scope = new AuditScope(new CurrentUser(), TimeProvider.System);
        var id = Guid.NewGuid();
        using (scope.Begin("SaveSomethingLarge", new SaveSomethingLarge(id, Enumerable.Repeat("A paragraph of a long credential.", 1000).ToList())))
        {
            var details = scope.Entry(Guid.NewGuid(), "Modified Thing 1").Details!;
            Assert.True(details.Length <= 8000);
            using var json = System.Text.Json.JsonDocument.Parse(details);
            Assert.Equal(id, json.RootElement.GetProperty("Id").GetGuid());
            Assert.StartsWith("(left out: ", json.RootElement.GetProperty("Paragraphs").GetString(), StringComparison.Ordinal);
        }
    }
}
