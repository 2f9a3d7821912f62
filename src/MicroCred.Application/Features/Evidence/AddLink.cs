using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Features.Evidence;

/// <summary>Adds a link (http or https) as evidence for a prompt that asks for one.</summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record AddLink(Guid SubmissionId, Guid PromptId, string? Url, string? Title) : ICommand<Guid>;

public sealed class AddLinkValidator : AbstractValidator<AddLink>
{
    public AddLinkValidator()
    {
        RuleFor(c => c.Url).NotEmpty().WithMessage("Enter the web address of your evidence.")
            .MaximumLength(2000).WithMessage("Keep the web address to 2000 characters.");
        RuleFor(c => c.Title).MaximumLength(300).WithMessage("Keep the title to 300 characters.");
    }
}

public sealed class AddLinkHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<AddLink, Guid>
{
    public async ValueTask<Guid> Handle(AddLink command, CancellationToken ct)
    {
        var submission = await db.MySubmissionAsync(command.SubmissionId, user.Id, ct);
        var prompt = (await db.SubmissionVersionAsync(submission, ct)).Prompt(command.PromptId);
        var item = submission.AddLink(prompt, command.Url!, command.Title, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return item.Id;
    }
}
