using System.Net.Mail;
using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>
/// Invites many people at once from pasted lines or a CSV file of <c>email, name, roles</c> (name and roles optional;
/// roles separated by spaces or semicolons, Earner when none; a header line is skipped). Every line is checked first:
/// a bad line is refused with its reason and nothing is sent for it; every good line is invited.
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record InviteMany(string Rows) : ICommand<BulkInvitation>;

public sealed record BulkInvitation(IReadOnlyList<string> Invited, IReadOnlyList<RefusedInvitation> Refused);

/// <param name="Line">The line of the list (1 = the first).</param>
/// <param name="Text">The line as it was written, so it can be corrected and sent again.</param>
public sealed record RefusedInvitation(int Line, string Text, string Reason);

public sealed class InviteManyValidator : AbstractValidator<InviteMany>
{
    public const int MaxLength = 200_000;

    public InviteManyValidator() =>
        RuleFor(c => c.Rows).NotEmpty().WithMessage("Paste one person per line (email, name, roles) or choose a CSV file.")
            .MaximumLength(MaxLength).WithMessage($"Keep the list under {MaxLength / 1000} KB; split it in parts.");
}

public sealed class InviteManyHandler(AppDbContext db, InvitationSender invitations) : ICommandHandler<InviteMany, BulkInvitation>
{
    public const int MaxRows = 500;

    public async ValueTask<BulkInvitation> Handle(InviteMany command, CancellationToken ct)
    {
        var records = CsvFile.Parse(command.Rows, nameof(command.Rows)).ToList();
        if (records.Count > 0 && records[0].Fields[0].Trim().Equals("email", StringComparison.OrdinalIgnoreCase)) records.RemoveAt(0);
        if (records.Count == 0) throw new DomainException("Paste one person per line (email, name, roles) or choose a CSV file.", nameof(command.Rows));
        if (records.Count > MaxRows) throw new DomainException($"Invite at most {MaxRows} people at once; split the list in parts.", nameof(command.Rows));

        var lines = command.Rows.Replace("\r\n", "\n").Split('\n');
        string TextOf(CsvRecord r) => r.Line - 1 < lines.Length ? lines[r.Line - 1].Trim() : string.Join(",", r.Fields);

        var seen = new Dictionary<string, int>();
        var accepted = new List<(string Email, string? Name, DistrictRole Roles)>();
        var refused = new List<RefusedInvitation>();
        foreach (var record in records)
        {
            var reason = await CheckAsync(record, seen, ct);
            if (reason is not null) refused.Add(new RefusedInvitation(record.Line, TextOf(record), reason.Value.Reason));
            else accepted.Add(Parsed(record));
        }
        foreach (var (email, name, roles) in accepted)
            await invitations.SendAsync(email, roles, name, ct);
        await db.SaveChangesAsync(ct);
        return new BulkInvitation(accepted.Select(a => a.Email).ToList(), refused);
    }

    private static (string Email, string? Name, DistrictRole Roles) Parsed(CsvRecord record)
    {
        var name = record.Fields.Count > 1 && record.Fields[1].Trim().Length > 0 ? record.Fields[1].Trim() : null;
        return (record.Fields[0].Trim().ToLowerInvariant(), name, ParseRoles(record.Fields.Count > 2 ? record.Fields[2] : "").Roles);
    }

    private async Task<(string Reason, bool _)?> CheckAsync(CsvRecord record, Dictionary<string, int> seen, CancellationToken ct)
    {
        var email = record.Fields[0].Trim().ToLowerInvariant();
        if (email.Length == 0) return ("No email address: write it first on the line.", false);
        if (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.', StringComparison.Ordinal))
            return ($"\"{record.Fields[0].Trim()}\" is not an email address (like name@school.org).", false);
        if (record.Fields.Count > 3) return ("Too many columns: write email, name, roles (separate several roles with spaces or semicolons).", false);
        if (record.Fields.Count > 1 && record.Fields[1].Trim().Length > 100) return ("The name is longer than 100 characters.", false);
        var (_, unknown) = ParseRoles(record.Fields.Count > 2 ? record.Fields[2] : "");
        if (unknown is not null) return ($"\"{unknown}\" is not a role: use {string.Join(", ", DistrictRoles.All)}.", false);
        if (seen.TryGetValue(email, out var line)) return ($"{email} is already on line {line} of this list.", false);
        seen[email] = record.Line;
        if (await invitations.IsMemberAsync(email, ct)) return ($"{email} is already a member. Change their roles in the member list instead.", false);
        return null;
    }

    /// <summary>Role names separated by spaces, semicolons or slashes; Earner when none is given.</summary>
    private static (DistrictRole Roles, string? Unknown) ParseRoles(string text)
    {
        var roles = DistrictRole.None;
        foreach (var word in text.Split([' ', ';', '/', '|', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = DistrictRoles.All.FirstOrDefault(r => r.ToString().Equals(word, StringComparison.OrdinalIgnoreCase));
            if (match == DistrictRole.None) return (DistrictRole.None, word);
            roles |= match;
        }
        return (roles == DistrictRole.None ? DistrictRole.Earner : roles, null);
    }
}

/// <summary>Sends a pending invitation again: a new link (the old one stops working), the same roles, valid for another two weeks.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record ResendInvitation(Guid InvitationId) : ICommand<string>;

public sealed class ResendInvitationHandler(AppDbContext db, InvitationSender invitations, TimeProvider clock) : ICommandHandler<ResendInvitation, string>
{
    public async ValueTask<string> Handle(ResendInvitation command, CancellationToken ct)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == command.InvitationId, ct)
            ?? throw new NotFoundException(nameof(Invitation), command.InvitationId);
        if (invitation.StatusAt(clock.GetUtcNow()) is not (InvitationStatus.Pending or InvitationStatus.Expired))
            throw new DomainException("Only a pending or expired invitation can be sent again.");
        await invitations.SendAsync(invitation.Email, invitation.Roles, null, ct);
        await db.SaveChangesAsync(ct);
        return invitation.Email;
    }
}
