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
        services.TryAddSingleton<IPublicDocumentChanges, NoPublicDocumentCache>();
        return services;
    }
}
