using MicroCred.Application.Evidence;
using MicroCred.Domain.Evidence;
using MicroCred.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>
/// The app with one more upload purpose, "test-video" (videos only, up to 1 MiB), registered exactly as the
/// submission feature will register its own, and the general limit lowered to 2 GiB.
/// </summary>
public class UploadFixture : AppFixture
{
    public const string VideoOnly = "test-video";
    public const long VideoLimit = 1024 * 1024;
    public const long GeneralLimit = 2L * 1024 * 1024 * 1024;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Uploads:MaxBytes"] = GeneralLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddScoped<IUploadPolicy, VideoOnlyPolicy>();

    public string StorageRoot => ((LocalEvidenceStore)App.Services.GetRequiredService<IEvidenceStore>()).Root;

    /// <summary>Every stored byte that has anything to do with an upload: partial or complete.</summary>
    public IReadOnlyList<string> BytesOf(Guid uploadId) =>
        Directory.Exists(StorageRoot)
            ? Directory.EnumerateFiles(StorageRoot, "*", SearchOption.AllDirectories).Where(p => p.Contains(uploadId.ToString(), StringComparison.Ordinal)).ToList()
            : [];

    private sealed class VideoOnlyPolicy : IUploadPolicy
    {
        public string Purpose => VideoOnly;

        public ValueTask<UploadRule> DecideAsync(Guid? contextId, CancellationToken ct) => ValueTask.FromResult(UploadRule.Allow(VideoLimit, FileKind.Video));
    }
}
