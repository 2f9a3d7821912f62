using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Email;

/// <summary>The local mailbox (development only): the newest messages the platform wrote, sent or not.</summary>
public sealed record ListMailbox(string? To = null) : IQuery<IReadOnlyList<MailboxMessage>>;

public sealed record GetMailboxMessage(Guid Id) : IQuery<MailboxMessage>;

public sealed record MailboxMessage(Guid Id, string To, string Subject, string TextBody, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);

public sealed class MailboxHandler(AppDbContext db) : IQueryHandler<ListMailbox, IReadOnlyList<MailboxMessage>>, IQueryHandler<GetMailboxMessage, MailboxMessage>
{
    public async ValueTask<IReadOnlyList<MailboxMessage>> Handle(ListMailbox query, CancellationToken ct)
    {
        var messages = db.EmailMessages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.To)) messages = messages.Where(m => m.To == query.To.Trim().ToLower());
        return await messages.OrderByDescending(m => m.CreatedAt).Take(100)
            .Select(m => new MailboxMessage(m.Id, m.To, m.Subject, m.TextBody, m.CreatedAt, m.SentAt)).ToListAsync(ct);
    }

    public async ValueTask<MailboxMessage> Handle(GetMailboxMessage query, CancellationToken ct) =>
        await db.EmailMessages.AsNoTracking().Where(m => m.Id == query.Id)
            .Select(m => new MailboxMessage(m.Id, m.To, m.Subject, m.TextBody, m.CreatedAt, m.SentAt)).SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException("Email", query.Id);
}
