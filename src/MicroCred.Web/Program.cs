using Mediator;
using MicroCred.Application;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Web.Endpoints;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
// Each host owns its logger (several run side by side in the test process).
builder.Services.AddSerilog((services, log) => Logging.Configure(log, builder.Configuration, builder.Environment), preserveStaticLogger: true);

// SIGTERM/SIGINT: Kestrel stops accepting connections, requests in flight get up to this long to finish (30 s).
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = builder.Configuration.GetValue("Shutdown:Timeout", TimeSpan.FromSeconds(30)));
DatabaseConnections.DeriveAppConnection(builder.Configuration);
builder.Services.AddMicroCredApplication(builder.Configuration);
builder.Services.AddMediator(options =>
{
    options.ServiceLifetime = ServiceLifetime.Scoped;
    options.PipelineBehaviors =
    [
        typeof(LoggingBehaviour<,>),
        typeof(AuthorizationBehaviour<,>),
        typeof(ValidationBehaviour<,>),
        typeof(AuditBehaviour<,>),
    ];
});

builder.Services.AddHttpContextAccessor();
builder.Services.AddSingleton<ILinkBuilder, WebLinks>();
// Public Open Badges documents: an in-process cache (JSON, images) plus the output cache (HTML pages), both dropped on
// revocation on every instance (CacheEvictions, through PostgreSQL NOTIFY).
builder.Services.AddSingleton<PublicDocumentCache>();
builder.Services.Replace(ServiceDescriptor.Singleton<MicroCred.Application.Common.IPublicDocumentCache>(sp => sp.GetRequiredService<PublicDocumentCache>()));
builder.Services.AddOutputCache(options => options.AddPolicy(PublicDocumentCache.PagePolicy, policy => policy.Expire(TimeSpan.FromMinutes(10)).Tag(PublicDocumentCache.AllPagesTag)));
builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Routing.MatcherPolicy, NegotiatedRepresentationPolicy>());
builder.Services.AddDataProtection().SetApplicationName("MicroCred").PersistKeysToDbContext<AppDbContext>()
    .ProtectKeyRing(builder.Configuration, builder.Environment);
var transport = TransportOptions.Read(builder.Configuration, builder.Environment);
builder.Services.AddTransportSecurity(transport, builder.Environment);
var cookieSecurity = transport.HttpsOnly(builder.Environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
var sessions = builder.Configuration.GetSection(SessionLifetimeOptions.Section).Get<SessionLifetimeOptions>() ?? new();
builder.Services.ConfigureApplicationCookie(cookie =>
{
    cookie.Cookie.Name = "microcred";
    cookie.Cookie.HttpOnly = true;
    cookie.Cookie.SecurePolicy = cookieSecurity;
    cookie.Cookie.SameSite = SameSiteMode.Lax;
    cookie.LoginPath = "/account/login";
    cookie.LogoutPath = "/account/logout";
    cookie.AccessDeniedPath = "/account/access-denied";
    cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
    cookie.SlidingExpiration = true;
    SessionLifetimeOptions.Apply(cookie, sessions);
    // Scripts (the upload protocol) get a 401 instead of the login page.
    cookie.Events.OnRedirectToLogin = context =>
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<NoLoginRedirectAttribute>() is not null)
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    };
    // A signed-in person without the role gets a plain 403 page, not a redirect.
    cookie.Events.OnRedirectToAccessDenied = context =>
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    };
});
builder.Services.AddAuthorization(options => options.AddDistrictPolicies());
builder.Services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, DistrictRoleHandler>();
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, SecondFactorRedirect>();
builder.Services.AddScoped<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, OperatorHandler>();
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "microcred-af";
    // Not "Always": antiforgery would then fail a plain-HTTP request with a server error; the cookie policy marks it Secure.
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});

builder.Services.AddRazorPages(options =>
    {
        options.Conventions.AuthorizeFolder("/Tenancy", Policies.Member);
        options.Conventions.AuthorizeFolder("/Tenancy/Admin", nameof(MicroCred.Domain.Tenancy.DistrictRole.Admin));
        options.Conventions.AllowAnonymousToPage("/Tenancy/Invitation");
        options.Conventions.AuthorizeFolder("/Account/Manage");
        options.Conventions.AllowAnonymousToPage("/Public/Verify");
        options.Conventions.AllowAnonymousToPage("/Public/Badge");
        options.Conventions.AllowAnonymousToPage("/Public/Evidence");
        options.Conventions.AuthorizeFolder("/Issuing", nameof(MicroCred.Domain.Tenancy.DistrictRole.Issuer));
        options.Conventions.AuthorizeFolder("/Evidence", Policies.Member);
        options.Conventions.AuthorizeFolder("/Design", nameof(MicroCred.Domain.Tenancy.DistrictRole.Developer));
        // Design settings are the Admin's too: that page trades the folder's Developer policy for Developer-or-Admin.
        options.Conventions.AddPageApplicationModelConvention("/Design/Settings", page =>
        {
            foreach (var folderRule in page.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().ToList())
                page.EndpointMetadata.Remove(folderRule);
            page.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(Policies.DeveloperOrAdmin));
        });
        // The review before publishing is done by another Developer or an Admin.
        options.Conventions.AddPageApplicationModelConvention("/Design/Credentials/Review", page =>
        {
            foreach (var folderRule in page.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.AuthorizeAttribute>().ToList())
                page.EndpointMetadata.Remove(folderRule);
            page.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute(Policies.DeveloperOrAdmin));
        });
        options.Conventions.AllowAnonymousToFolder("/Catalog");
        // Assessment: assessors' pages, Admins' pages, and the earner's feedback page (the handlers check it is theirs).
        options.Conventions.AuthorizeFolder("/Assessment/Assessor", nameof(MicroCred.Domain.Tenancy.DistrictRole.Assessor));
        options.Conventions.AuthorizeFolder("/Assessment/Admin", nameof(MicroCred.Domain.Tenancy.DistrictRole.Admin));
        options.Conventions.AuthorizePage("/Evidence/Feedback", nameof(MicroCred.Domain.Tenancy.DistrictRole.Earner));
        // The earner's journey: their credentials and submissions (the handlers check the work is theirs); Admins' recommendations.
        options.Conventions.AuthorizePage("/Evidence/Index", nameof(MicroCred.Domain.Tenancy.DistrictRole.Earner));
        options.Conventions.AuthorizePage("/Evidence/Submission", nameof(MicroCred.Domain.Tenancy.DistrictRole.Earner));
        options.Conventions.AuthorizePage("/Evidence/Recommendations", nameof(MicroCred.Domain.Tenancy.DistrictRole.Admin));
        // Recognition: the recognizer's workspace, the Admins' reports, and any signed-in teacher's request page and transcript.
        options.Conventions.AuthorizeFolder("/Recognition/Workspace", nameof(MicroCred.Domain.Tenancy.DistrictRole.Recognizer));
        options.Conventions.AuthorizePage("/Recognition/Reports", nameof(MicroCred.Domain.Tenancy.DistrictRole.Admin));
        options.Conventions.AuthorizePage("/Recognition/RequestCredit");
        options.Conventions.AuthorizePage("/Account/Transcript");
        // The teacher's backpack spans districts (any signed-in person); their public profile is for anyone.
        options.Conventions.AuthorizeFolder("/Backpack");
        // A badge's claim link is opened signed out too (it then offers to log in or register).
        options.Conventions.AllowAnonymousToPage("/Backpack/Claim");
        // The platform operators' console: only the emails named in Platform:Operators.
        options.Conventions.AuthorizeFolder("/Operator", Policies.Operator);
        options.Conventions.AllowAnonymousToPage("/Public/Profile");
        options.Conventions.AuthorizeFolder("/Issuing/Import", nameof(MicroCred.Domain.Tenancy.DistrictRole.Issuer));
    })
    .AddMvcOptions(options => options.Filters.Add<RequestErrorsPageFilter>());
builder.Services.Configure<RouteOptions>(options =>
{
    options.ConstraintMap["slug"] = typeof(DistrictSlugRouteConstraint);
});

builder.Services.AddMicroCredRateLimits(builder.Configuration);
builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]).AddCheck<StorageReadyCheck>("storage", tags: ["ready"]);

var app = builder.Build();

await app.PrepareDatabaseAsync();

app.UseTransportSecurity(transport);
app.UseSerilogRequestLogging(options =>
{
    options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
    options.EnrichDiagnosticContext = (diagnostics, http) => diagnostics.Set("RequestId", http.TraceIdentifier);
    options.GetLevel = (http, _, error) => error is not null || http.Response.StatusCode >= 500
        ? Serilog.Events.LogEventLevel.Error
        : http.Request.Path.StartsWithSegments("/health") ? Serilog.Events.LogEventLevel.Verbose : Serilog.Events.LogEventLevel.Information;
});
app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<RequestContextMiddleware>();
app.UseAuthorization();
app.UseRateLimiter();
app.UseOutputCache();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapRazorPages();
app.MapTusUploads();
app.MapEvidenceFiles();
app.MapCredentialResources();
app.MapBadgeImages();
app.MapPublicBadges(app.Configuration);

app.PrintWelcome();
app.Run();

/// <summary>Visible to the test projects' WebApplicationFactory.</summary>
public partial class Program;
