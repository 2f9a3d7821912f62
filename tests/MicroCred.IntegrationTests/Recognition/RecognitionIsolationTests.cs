using System.Net;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Recognition;
using MicroCred.Domain.Recognition;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroCred.IntegrationTests.Recognition;

/// <summary>
/// A recognizer's credit types, rules and requests, and an Admin's reports, stay in their district: handlers of
/// another district answer not found, pages 404 (own district) or 403 (someone else's), and the app's database
/// role sees no foreign rows, except a teacher's own requests, which their transcript reads.
/// </summary>
public sealed class RecognitionIsolationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Teacher = "sam.ortiz@springfield.test";
    private readonly RecognitionKit kit = new(fixture);

    /// <summary>A springfield credit type, rule and pending request from <see cref="Teacher"/> (filed directly: no issuer needed here).</summary>
    private async Task<(Guid Type, Guid Rule, Guid Request)> SpringfieldRecognitionAsync(string typeName)
    {
        var type = await kit.CreditType(typeName, "hours");
        var rule = await kit.ExternalRule(type, $"https://badges.example.org/{Guid.NewGuid()}", 3, "Isolated badge");
        await using var scope = await fixture.As(Teacher, "springfield");
        var db = AppFixture.Get<AppDbContext>(scope);
        using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestCreditRequest", null);
        var (tenantId, _) = await fixture.District("springfield");
        var now = DateTimeOffset.UtcNow;
        var snapshot = new BadgeSnapshot(SnapshotVerdict.Valid, "Url", "https://badges.example.org/a/1", now, [new SnapshotCheck("input", "Passed", "Test.")])
        {
            BadgeName = "Isolated badge", AssertionId = $"urn:uuid:{Guid.NewGuid()}",
        };
        var request = CreditRequest.Submit(tenantId, await fixture.UserId(Teacher), snapshot, [], [], null, now);
        db.CreditRequests.Add(request);
        await db.SaveChangesAsync();
        return (type, rule, request.Id);
    }

    [Fact]
    public async Task Another_districts_recognizer_gets_not_found_from_every_handler_and_sees_none_of_it_in_lists()
    {
        var (type, rule, request) = await SpringfieldRecognitionAsync("Handler isolation");

        await using var asB = await fixture.As(RecognitionKit.OtherRecognizer, "shelbyville");
        var b = AppFixture.Get<ISender>(asB);
        await Assert.ThrowsAsync<NotFoundException>(() => b.Send(new GetCreditRequest(request)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => b.Send(new DeclineCreditRequest(request, "Not ours")).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => b.Send(new RenameCreditType(type, "Taken", "over")).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => b.Send(new SetRuleActive(rule, false)).AsTask());
        // B has a credit type of its own; using it on A's request or A's rule still finds nothing.
        var own = await b.Send(new DefineCreditType("B's hours", "hours"));
        await Assert.ThrowsAsync<NotFoundException>(() => b.Send(new ApproveCreditRequest(request, own, 1)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => b.Send(new ChangeRuleCredit(rule, own, 1)).AsTask());
        // And A's credit type is not B's to use.
        var foreignType = await Assert.ThrowsAsync<Domain.Common.DomainException>(() => b.Send(new AddRecognitionRule(RuleTarget.ExternalBadgeClass, type, 1, "https://x.example.org/b", "X")).AsTask());
        Assert.Equal("CreditTypeId", foreignType.Field);

        var inbox = await b.Send(new GetCreditInbox());
        Assert.DoesNotContain(inbox.Pending.Concat(inbox.Decided), r => r.Id == request);
        Assert.DoesNotContain(await b.Send(new GetCreditTypes()), t => t.Id == type);
        Assert.DoesNotContain((await b.Send(new GetRecognitionRules())).Rules, r => r.Id == rule);
        var report = await kit.As("admin@shelbyville.test", "shelbyville", s => s.Send(new GetDistrictReport()).AsTask());
        Assert.Empty(report.Recognition);

        var view = await kit.AsRecognizer(s => s.Send(new GetCreditRequest(request)).AsTask());
        Assert.Equal(CreditRequestStatus.Pending, view.Status);
    }

    [Fact]
    public async Task Over_http_another_districts_recognizer_and_admin_get_404_in_their_district_and_403_in_ours()
    {
        var (_, _, request) = await SpringfieldRecognitionAsync("Http isolation");
        using var b = new HttpSession(fixture.BaseAddress);
        await b.LogInAsync(RecognitionKit.OtherRecognizer);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/shelbyville/recognition/requests/{request}")).StatusCode);
        foreach (var path in new[] { "/springfield/recognition", "/springfield/recognition/rules", "/springfield/recognition/credit-types", $"/springfield/recognition/requests/{request}", "/springfield/admin/reports" })
            Assert.Equal(HttpStatusCode.Forbidden, (await b.GetAsync(path)).StatusCode);

        var token = HttpSession.TokenOf(await b.PageAsync("/shelbyville/recognition"))!;
        var decline = new Dictionary<string, string> { ["Input.Reason"] = "Hijacked" };
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/shelbyville/recognition/requests/{request}?handler=Decline", decline, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await b.PostAsync($"/springfield/recognition/requests/{request}?handler=Decline", decline, token)).StatusCode);
        Assert.DoesNotContain("Isolated badge", (await b.PageAsync("/shelbyville/recognition")).MainText());

        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@shelbyville.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/springfield/admin/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/springfield/admin/reports?handler=Csv&table=recognition")).StatusCode);
        var own = await admin.PageAsync("/shelbyville/admin/reports");
        Assert.DoesNotContain("Http isolation", own.MainText());

        await using var asA = await fixture.As(RecognitionKit.Recognizer, "springfield");
        Assert.Equal(CreditRequestStatus.Pending, (await AppFixture.Get<AppDbContext>(asA).CreditRequests.SingleAsync(r => r.Id == request)).Status);
    }

    [Fact]
    public async Task Workspace_pages_need_the_recognizer_role_and_reports_the_admin_role()
    {
        var (_, _, request) = await SpringfieldRecognitionAsync("Role check");
        var workspace = new[] { "/springfield/recognition", "/springfield/recognition/rules", "/springfield/recognition/credit-types", $"/springfield/recognition/requests/{request}" };

        using var earner = new HttpSession(fixture.BaseAddress);
        await earner.LogInAsync("earner@springfield.test");
        foreach (var path in workspace.Append("/springfield/admin/reports")) Assert.Equal(HttpStatusCode.Forbidden, (await earner.GetAsync(path)).StatusCode);

        using var recognizer = new HttpSession(fixture.BaseAddress);
        await recognizer.LogInAsync(RecognitionKit.Recognizer);
        foreach (var path in workspace) Assert.Equal(HttpStatusCode.OK, (await recognizer.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await recognizer.GetAsync("/springfield/admin/reports")).StatusCode);
        Assert.NotNull((await recognizer.PageAsync("/springfield")).QuerySelector("nav.district-nav a[href='/springfield/recognition']"));

        using var stranger = new HttpSession(fixture.BaseAddress);
        foreach (var path in new[] { "/springfield/recognition", "/springfield/request-credit", "/account/transcript" })
        {
            var anonymous = await stranger.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/account/login", anonymous.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task The_app_role_sees_only_its_districts_rows_and_a_teacher_only_their_own_requests_elsewhere()
    {
        await SpringfieldRecognitionAsync("Row-level security");
        await kit.As(RecognitionKit.OtherRecognizer, "shelbyville", s => s.Send(new DefineCreditType("Shelbyville RLS", "hours")).AsTask());
        var (aId, _) = await fixture.District("springfield");
        var (bId, _) = await fixture.District("shelbyville");
        var teacher = await fixture.UserId(Teacher);
        var someoneElse = await fixture.UserId("earner@shelbyville.test");

        await using var connection = new NpgsqlConnection(TestPostgres.App(fixture.App.Database));
        await connection.OpenAsync();
        await Set(connection, bId, someoneElse);
        foreach (var table in new[] { "credit_types", "recognition_rules", "credit_requests" })
            Assert.All(await Column<Guid>(connection, $"SELECT tenant_id FROM {table}"), t => Assert.Equal(bId, t));
        Assert.NotEmpty(await Column<Guid>(connection, "SELECT tenant_id FROM credit_types"));

        // The teacher, acting outside springfield, reads their own springfield requests and nothing else of springfield.
        await Set(connection, bId, teacher);
        var visible = await Column<Guid>(connection, $"SELECT requester_id FROM credit_requests WHERE tenant_id = '{aId}'");
        Assert.NotEmpty(visible);
        Assert.All(visible, r => Assert.Equal(teacher, r));
        Assert.Empty(await Column<Guid>(connection, $"SELECT tenant_id FROM credit_types WHERE tenant_id = '{aId}'"));
        Assert.Empty(await Column<Guid>(connection, $"SELECT tenant_id FROM recognition_rules WHERE tenant_id = '{aId}'"));
        // Reading is all: they cannot change it.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, $"UPDATE credit_requests SET status = 'Approved' WHERE tenant_id = '{aId}'"));
        Assert.Equal("42501", refused.SqlState);

        await Set(connection, null, null);
        Assert.Empty(await Column<Guid>(connection, "SELECT tenant_id FROM credit_requests"));
    }

    private static async Task Set(NpgsqlConnection connection, Guid? tenant, Guid? user) =>
        await Execute(connection, $"SELECT set_config('app.tenant_id', '{tenant}', false), set_config('app.user_id', '{user}', false)");

    private static async Task<int> Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<T>> Column<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync()) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }
}
