using FluentValidation;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Public;
using MicroCred.Application.Evidence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Application;

public static class DependencyInjection
{
    /// <summary>Data, identity stores, request context, email and validators. Mediator itself is added by the host.</summary>
    public static IServiceCollection AddMicroCredApplication(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not configured. Start the app with ./run.sh, or set ConnectionStrings__Default.");

        services.AddSingleton(TimeProvider.System);
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddScoped<CurrentUser>();
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddScoped<AuditScope>();
        services.AddScoped<CurrentMember>();
        services.AddScoped<TenantSessionInterceptor>();
        services.AddScoped<Features.Evidence.SubmissionEmails>();
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            Persistence.Configure(options, connectionString);
            options.AddInterceptors(sp.GetRequiredService<TenantSessionInterceptor>(), sp.GetRequiredService<Features.Evidence.SubmissionEmails>());
        });
        services.AddScoped<DatabaseBootstrapper>();
        services.AddScoped<Seeding.DemoSeeder>();
        services.AddScoped<Seeding.DemoSeeding>();
        services.AddScoped<Seeding.DesignSeed>();
        services.AddScoped<Seeding.IssuingSeed>();
        services.AddMemoryCache();
        services.AddSingleton<Features.Tenancy.DistrictDirectory>();
        services.AddScoped<Features.Accounts.AccountEmails>();
        services.AddScoped<Features.Tenancy.InvitationSender>();
        // The platform: operators and the daily cap on an unverified district's emails to people outside it.
        services.Configure<Features.Tenancy.PlatformOptions>(configuration.GetSection(Features.Tenancy.PlatformOptions.Section));
        services.AddScoped<Features.Tenancy.OutsideEmails>();
        services.AddScoped<Features.Tenancy.OperatorTarget>();
        // Assessment: the queue keeper, its emails and the job that assigns newly submitted work.
        services.Configure<Features.Assessment.AssessmentOptions>(configuration.GetSection("Assessment"));
        services.AddScoped<Features.Assessment.WorkAssigner>();
        services.AddScoped<Features.Assessment.AssessmentEmails>();
        services.AddScoped<Features.Issuing.SubmissionDecider>();
        services.AddScoped<Evidence.IEvidenceReadRule, Features.Assessment.AssessorsMayReadTheirEvidence>();
        services.AddScoped<Features.Assessment.BlindEvidence>();
        services.AddHostedService<Features.Assessment.AutoAssignmentJob>();
        services.AddScoped<Features.Assessment.WorkNeedingAttention>();
        services.AddSingleton<Features.Assessment.AttentionDigestJob>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Assessment.AttentionDigestJob>());
        // Recognition: the narrow read of other districts' public catalogs for rules.
        services.AddSingleton<Features.Recognition.PublicCatalogReader>();
        services.AddScoped<Features.Recognition.CreditRescinder>();

        services.AddIdentityCore<User>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                // Length over composition rules (NIST SP 800-63B): long passphrases, no forced symbols.
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
            })
            .AddSignInManager()
            .AddPasswordValidator<Features.Accounts.CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<Features.Accounts.UserClaims>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();

        services.Configure<SmtpOptions>(configuration.GetSection("Smtp"));
        services.AddScoped<EmailOutbox>();
        services.AddHostedService<EmailDispatcher>();

        services.AddBadgeVerifier(configuration);
        services.AddEvidence(configuration);
        services.AddIssuing();

        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, includeInternalTypes: true);
        return services;
    }
}
