using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace MicroCred.Web.Infrastructure;

public static class Logging
{
    /// <summary>
    /// Readable console lines in development, JSON in production; every event carries the district, the user
    /// and the request id. <c>Logging:FilePath</c> adds a daily rolling file (run.sh and the tests use it).
    /// </summary>
    public static void Configure(LoggerConfiguration log, IConfiguration configuration, IHostEnvironment environment)
    {
        log.ReadFrom.Configuration(configuration)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("App", "MicroCred");

        const string readable = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";
        if (!configuration.GetValue("Logging:Console", true)) { } // the tests read the file instead
        else if (environment.IsProduction()) log.WriteTo.Async(w => w.Console(new RenderedCompactJsonFormatter()));
        else log.WriteTo.Async(w => w.Console(outputTemplate: readable));

        if (configuration["Logging:FilePath"] is { Length: > 0 } path)
            log.WriteTo.Async(w => w.File(new RenderedCompactJsonFormatter(), path, rollingInterval: RollingInterval.Day, shared: true,
                flushToDiskInterval: TimeSpan.FromMilliseconds(200)));
    }
}
