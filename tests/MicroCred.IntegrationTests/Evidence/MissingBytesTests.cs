using System.Net;
using MicroCred.Application.Evidence;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>A stored file whose bytes are gone (a database restored without its storage) is a 404, not a server error.</summary>
public sealed class MissingBytesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    [Fact]
    public async Task A_file_whose_bytes_are_gone_answers_404_and_the_others_still_serve()
    {
        var kept = await kit.Upload(AssessmentKit.Erin, "kept.png", EvidenceSamples.Png(seed: 1));
        var lost = await kit.Upload(AssessmentKit.Erin, "lost.png", EvidenceSamples.Png(seed: 2));
        var key = await kit.Db(db => db.StoredFiles.Where(f => f.Id == lost.Id).Select(f => f.StorageKey).SingleAsync());
        await fixture.App.Services.GetRequiredService<IEvidenceStore>().DeleteAsync(key, default);

        using var erin = new HttpSession(fixture.BaseAddress);
        await erin.LogInAsync(AssessmentKit.Erin);
        Assert.Equal(HttpStatusCode.NotFound, (await erin.GetAsync($"/springfield/files/{lost.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await erin.GetAsync($"/springfield/files/{kept.Id}")).StatusCode);
    }
}
