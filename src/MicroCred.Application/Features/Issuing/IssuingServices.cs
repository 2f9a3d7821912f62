using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MicroCred.Application.Features.Issuing;

public static class IssuingServices
{
    /// <summary>Badge issuing, signing keys and the public document links; the host may replace <see cref="IPublicDocumentChanges"/>.</summary>
    public static IServiceCollection AddIssuing(this IServiceCollection services)
    {
        services.AddSingleton<BadgeLinks>();
        services.AddScoped<IssuerKeyring>();
        services.AddScoped<BadgeIssuing>();
        services.AddScoped<BadgeClaimLinks>();
        services.TryAddSingleton<IPublicDocumentChanges, NoPublicDocumentCache>();
        // Bulk issuing from CSV: the queue that wakes the runner, and the runner itself.
        services.AddOptions<BadgeImportOptions>().BindConfiguration("Issuing:Import");
        services.AddSingleton<BadgeImportQueue>();
        services.AddSingleton<BadgeImportRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<BadgeImportRunner>());
        // The backpack's public profiles read each badge inside its own district.
        services.AddScoped<PublicProfileReader>();
        return services;
    }
}
