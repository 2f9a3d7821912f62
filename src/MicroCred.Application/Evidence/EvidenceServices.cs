using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Evidence;

public static class EvidenceServices
{
    /// <summary>The evidence store (S3 when <c>Storage:S3:Bucket</c> is set, else <c>Storage:Root</c>), upload policies, access rules and cleanup.</summary>
    public static IServiceCollection AddEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<UploadOptions>(configuration.GetSection(UploadOptions.Section));
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section))
            .Validate<IHostEnvironment>((o, environment) => o.S3.Configured || !string.IsNullOrWhiteSpace(o.Root) || environment.IsDevelopment(),
                "Evidence storage is not configured: set Storage:Root to a folder (./run.sh does), or Storage:S3:Bucket for S3.")
            .Validate(o => !o.S3.Configured || o.S3.PartSizeMiB >= 5, "Storage:S3:PartSizeMiB must be at least 5.")
            .ValidateOnStart();
        services.AddSingleton<IEvidenceStore>(CreateStore);

        services.AddSingleton<UploadLocks>();
        services.AddScoped<UploadPolicies>();
        services.AddScoped<IUploadPolicy, LibraryUploadPolicy>();
        services.AddScoped<IUploadPolicy, Features.Evidence.PromptUploadPolicy>();
        services.AddScoped<IEvidenceAccess, EvidenceAccess>();
        services.AddScoped<IEvidenceReadRule, OwnerMayRead>();
        services.AddScoped<IEvidenceReadRule, DistrictAdminsMayRead>();
        services.AddScoped<EvidenceAttachments>();
        services.AddSingleton<EvidenceCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<EvidenceCleanup>());
        return services;
    }

    private static IEvidenceStore CreateStore(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var logs = services.GetRequiredService<ILoggerFactory>();
        if (storage.S3.Configured)
        {
            var s3 = storage.S3;
            var config = new AmazonS3Config
            {
                ForcePathStyle = s3.ForcePathStyle,
                // Checksums only where S3 requires them: many S3-compatible servers reject the newer trailing checksums.
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            };
            if (!string.IsNullOrWhiteSpace(s3.ServiceUrl))
            {
                config.ServiceURL = s3.ServiceUrl;
                config.AuthenticationRegion = s3.Region ?? "us-east-1";
            }
            else if (!string.IsNullOrWhiteSpace(s3.Region))
            {
                config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(s3.Region);
            }
            var client = !string.IsNullOrEmpty(s3.AccessKey)
                ? new AmazonS3Client(new BasicAWSCredentials(s3.AccessKey, s3.SecretKey), config)
                : new AmazonS3Client(config);
            return new S3EvidenceStore(client, s3.Bucket!, s3.PartSizeMiB * 1024 * 1024, logs.CreateLogger<S3EvidenceStore>());
        }

        var root = storage.Root;
        if (string.IsNullOrWhiteSpace(root))
        {
            // Development only (validated at start): next to the checkout, where ./run.sh keeps its data.
            var environment = services.GetRequiredService<IHostEnvironment>();
            root = Path.Combine(environment.ContentRootPath, "..", "..", ".data", "storage");
        }
        return new LocalEvidenceStore(root, logs.CreateLogger<LocalEvidenceStore>());
    }
}
