using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// A new stack (principle P): a named, ordered group of the district's published micro-credentials, optionally
/// sequential (each requires the ones before it). It stays private to developers until published.
/// </summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record CreateStack(string Name, string Description, bool Sequential, IReadOnlyList<Guid> CredentialIds) : ICommand<Guid>;

/// <summary>Changes a stack's name, description, sequencing and the order of its credentials.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record UpdateStack(Guid StackId, string Name, string Description, bool Sequential, IReadOnlyList<Guid> CredentialIds) : ICommand;

/// <summary>Makes the stack public (catalog, stack page) and, when sequential, binding for earners.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record PublishStack(Guid StackId) : ICommand;

public sealed class CreateStackValidator : AbstractValidator<CreateStack>
{
    public CreateStackValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Give the stack a name.").MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(5000);
        RuleFor(c => c.CredentialIds).Must(ids => ids.Count >= 2).WithMessage("Choose at least two micro-credentials for the stack.");
    }
}

public sealed class UpdateStackValidator : AbstractValidator<UpdateStack>
{
    public UpdateStackValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Give the stack a name.").MaximumLength(200);
        RuleFor(c => c.Description).MaximumLength(5000);
        RuleFor(c => c.CredentialIds).Must(ids => ids.Count >= 2).WithMessage("A stack groups at least two micro-credentials.");
    }
}

public sealed class StackEditingHandler(AppDbContext db, ITenantContext tenant, TimeProvider clock)
    : ICommandHandler<CreateStack, Guid>, ICommandHandler<UpdateStack>, ICommandHandler<PublishStack>
{
    public async ValueTask<Guid> Handle(CreateStack command, CancellationToken ct)
    {
        await RequireStackable(command.CredentialIds, [], ct);
        var stack = Stack.Create(tenant.TenantId!.Value, command.Name, command.Description ?? "", command.Sequential, command.CredentialIds, clock.GetUtcNow());
        db.Stacks.Add(stack);
        await db.SaveChangesAsync(ct);
        return stack.Id;
    }

    public async ValueTask<Unit> Handle(UpdateStack command, CancellationToken ct)
    {
        var stack = await db.StackAsync(command.StackId, ct);
        await RequireStackable(command.CredentialIds, stack.CredentialIds, ct);
        stack.Update(command.Name, command.Description ?? "", command.Sequential, command.CredentialIds);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(PublishStack command, CancellationToken ct)
    {
        var stack = await db.StackAsync(command.StackId, ct);
        stack.Publish(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    /// <summary>
    /// Credentials join a stack only while published (never drafts, never retired, never another district's);
    /// ones already in it may stay after being retired, so the stack can still be renamed or reordered.
    /// </summary>
    private async Task RequireStackable(IReadOnlyList<Guid> ids, IReadOnlyList<Guid> alreadyIn, CancellationToken ct)
    {
        var added = ids.Except(alreadyIn).Distinct().ToList();
        if (added.Count == 0) return;
        var stackable = await db.MicroCredentials.AsNoTracking()
            .CountAsync(c => added.Contains(c.Id) && c.PublishedVersionId != null && c.RetiredAt == null, ct);
        if (stackable != added.Count)
            throw new DomainException("Only the district's published micro-credentials can join a stack (not drafts or retired ones).", nameof(Stack.CredentialIds));
    }
}

internal static class StackLookups
{
    public static async Task<Stack> StackAsync(this AppDbContext db, Guid id, CancellationToken ct) =>
        await db.Stacks.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Stack", id);
}
