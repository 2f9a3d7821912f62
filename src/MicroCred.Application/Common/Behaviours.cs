using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using FluentValidation;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using Microsoft.Extensions.Logging;

namespace MicroCred.Application.Common;

/// <summary>Logs each request with its outcome and duration; refusals are expected and logged as such.</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var name = typeof(TMessage).Name;
        try
        {
            var response = await next(message, ct);
            logger.LogDebug("{Request} handled in {Elapsed:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception e) when (e is ValidationFailedException or DomainException or NotFoundException or ForbiddenException)
        {
            logger.LogInformation("{Request} refused in {Elapsed:0.0} ms: {Reason}", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, e.Message);
            throw;
        }
    }
}

/// <summary>
/// Enforces <see cref="RequiresRoleAttribute"/> and <see cref="RequiresSignInAttribute"/> on every request,
/// so a rule holds whichever page, job or test sends it.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser user, CurrentMember member,
    Microsoft.Extensions.Options.IOptions<Features.Tenancy.PlatformOptions> platform)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    private static readonly ConcurrentDictionary<Type, (bool SignIn, RequiresRoleAttribute? Role, bool Operator)> Rules = new();

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        var (signIn, role, isForOperator) = Rules.GetOrAdd(typeof(TMessage), t =>
            (t.IsDefined(typeof(RequiresSignInAttribute)), t.GetCustomAttribute<RequiresRoleAttribute>(), t.IsDefined(typeof(RequiresOperatorAttribute))));
        if ((signIn || role is not null || isForOperator) && user.Id is null)
            throw new ForbiddenException("Please log in first.");
        if (isForOperator && !platform.Value.IsOperator(user.Email))
            throw new ForbiddenException("This is for platform operators only.");
        if (role is not null && !await member.HasAnyAsync(role.Roles, ct))
            throw new ForbiddenException($"This needs the {string.Join(" or ", Domain.Tenancy.DistrictRoles.Split(role.Roles))} role in this district.");
        // The district's sign-in policy: a guarded role acts only from a session signed in with a second factor.
        if (role is not null && user.SignedInWithSecondFactor == false)
        {
            var held = await member.RolesAsync(ct) & role.Roles;
            if ((held & ~await member.RolesNeedingSecondFactorAsync(ct)) == Domain.Tenancy.DistrictRole.None)
                throw new ForbiddenException($"This district asks {string.Join(" and ", Domain.Tenancy.DistrictRoles.Split(held))}s to sign in with a second factor: " +
                    "set one up under Sign-in and security, then sign in with it.");
        }
        return await next(message, ct);
    }
}

/// <summary>Runs the request's FluentValidation validators; failures come back as field messages.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        List<FieldError>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, ct);
            foreach (var failure in result.Errors)
                (errors ??= []).Add(new FieldError(failure.PropertyName, failure.ErrorMessage));
        }
        if (errors is not null) throw new ValidationFailedException(errors);
        return await next(message, ct);
    }
}

/// <summary>Opens the audit scope for commands: whatever they save is recorded under their name.</summary>
public sealed class AuditBehaviour<TMessage, TResponse>(AuditScope audit)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (message is not IBaseCommand) return await next(message, ct);
        using (audit.Begin(typeof(TMessage).Name, message))
            return await next(message, ct);
    }
}
