using MicroCred.Application.Evidence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MicroCred.Web.Infrastructure;

/// <summary>Ready = new evidence can be stored: the local folder takes a write, or the S3 bucket answers (within 5 s).</summary>
public sealed class StorageReadyCheck(IEvidenceStore store) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(Timeout);
        try
        {
            await store.ProbeAsync(limit.Token);
            return HealthCheckResult.Healthy("The evidence store takes new files.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The evidence store does not take new files.", e);
        }
    }
}
