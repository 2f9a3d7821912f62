using Microsoft.Extensions.Logging;

namespace MicroCred.Application.Common;

/// <summary>
/// How a background job that checks every district runs: a first pass a minute after start, then one per period. A
/// failed pass (the database restarting, say) is logged and tried again on the next tick; it never ends the job, nor
/// the host, which stops when a background service throws.
/// </summary>
public static class PeriodicPasses
{
    /// <param name="minutes">The period; 0 or less turns the job off (tests run its pass themselves).</param>
    public static async Task RunAsync(string job, int minutes, Func<CancellationToken, Task> pass, TimeProvider clock, ILogger logger,
        CancellationToken stoppingToken)
    {
        if (minutes <= 0) return;
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
            do
            {
                try
                {
                    await pass(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "{Job} failed; it runs again in {Minutes} minutes", job, minutes);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
