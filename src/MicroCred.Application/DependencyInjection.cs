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
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.AddScoped<CacheEvictions>();
        services.AddDbContext<AppDbContext>((sp, options) =>
        {
            Persistence.Configure(options, connectionString);
            options.AddInterceptors(sp.GetRequiredService<TenantSessionInterceptor>(), sp.GetRequiredService<Features.Evidence.SubmissionEmails>(),
                sp.GetRequiredService<CacheEvictions>());
        });
        // Several instances share one database: advisory locks decide who does a piece of work, and LISTEN/NOTIFY (on a
        // connection of its own; ConnectionStrings:Listen when the default goes through a pooler) carries cache evictions.
        services.AddSingleton(_ => new DatabaseLocks(connectionString));
        services.AddSingleton(sp =>
        {
            var notifications = new DatabaseNotifications(configuration.GetConnectionString("Listen") is { Length: > 0 } listen ? listen : connectionString,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DatabaseNotifications>>());
            CacheEvictions.Listen(notifications, sp.GetRequiredService<IPublicDocumentCache>(), sp.GetRequiredService<Features.Tenancy.DistrictDirectory>());
            return notifications;
        });
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseNotifications>());
        services.AddScoped<DatabaseBootstrapper>();
        services.AddScoped<Seeding.DemoSeeder>();
        services.AddScoped<Seeding.DemoSeeding>();
        services.AddScoped<Seeding.DesignSeed>();
        services.AddScoped<Seeding.IssuingSeed>();
        services.AddMemoryCache();
        services.AddSingleton<Features.Tenancy.DistrictDirectory>();
        services.AddScoped<Features.Accounts.AccountEmails>();
        services.AddScoped<Features.Accounts.PersonalDataExport>();
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
        services.AddSingleton<Features.Design.PublishedCredentialReader>();
        services.AddScoped<Features.Recognition.CreditRescinder>();
        services.AddOptions<Features.Recognition.CreditRescissionOptions>().BindConfiguration("Recognition:RescissionSweep")
            .Validate(o => o.Minutes >= 0, "Recognition:RescissionSweep:Minutes must not be negative.").ValidateOnStart();
        services.AddSingleton<Features.Recognition.CreditRescissionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Recognition.CreditRescissionSweep>());

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
        // Passkeys: discoverable (so they sign in without an email) and user-verified (PIN or biometric), which makes a
        // passkey two factors in one gesture; see Features/Accounts/SecondFactor.cs.
        services.TryAddScoped<IPasskeyHandler<User>, PasskeyHandler<User>>();
        services.Configure<IdentityPasskeyOptions>(o =>
        {
            o.UserVerificationRequirement = "required";
            o.ResidentKeyRequirement = "required";
        });
        // Identity rebuilds the cookie's claims now and then; keep how the session signed in (its second factor).
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == Features.Accounts.SecondFactor.MethodClaim))
                foreach (var method in context.CurrentPrincipal?.FindAll(Features.Accounts.SecondFactor.MethodClaim) ?? [])
                    identity.AddClaim(new System.Security.Claims.Claim(method.Type, method.Value));
            return Task.CompletedTask;
        });

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
