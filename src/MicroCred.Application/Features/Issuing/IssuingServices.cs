using MicroCred.Application.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MicroCred.Application.Features.Issuing;

public static class IssuingServices
{
    /// <summary>Badge issuing, signing keys and the public document links; the host may replace <see cref="IPublicDocumentCache"/>.</summary>
    public static IServiceCollection AddIssuing(this IServiceCollection services)
    {
        services.AddSingleton<BadgeLinks>();
        services.AddScoped<IssuerKeyring>();
        services.AddScoped<BadgeIssuing>();
        services.TryAddSingleton<IPublicDocumentCache, NoPublicDocumentCache>();
        services.AddScoped<BadgeClaimLinks>();
        // Bulk issuing from CSV: the queue that wakes the runner, and the runner itself.
        services.AddOptions<BadgeImportOptions>().BindConfiguration("Issuing:Import");
        services.AddSingleton<BadgeImportQueue>();
        services.AddSingleton<BadgeImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<BadgeImportRunner>());
        // Earners are reminded once before a badge expires, with the link to earn it again.
        services.AddOptions<RenewalReminderOptions>().BindConfiguration("Issuing:RenewalReminders")
            .Validate(o => o.Days > 0 && o.Minutes >= 0, "Issuing:RenewalReminders:Days must be positive and Minutes not negative.").ValidateOnStart();
        services.AddSingleton<RenewalReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RenewalReminderJob>());
        // The backpack's public profiles read each badge inside its own district.
        services.AddScoped<PublicProfileReader>();
        return services;
    }
}
