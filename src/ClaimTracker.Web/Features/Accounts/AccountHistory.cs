using System.Text.Json;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Accounts;

/// <summary>One change to an account, in words: "Ada Admin removed the Editor role from Eddie Editor".</summary>
public sealed record AccountHistoryLine(long Id, DateTimeOffset At, AuditAction Action, string Text);

/// <summary>How changes to accounts are kept in the history (<see cref="AuditEntry"/> with an <see cref="AuditEntry.AccountId"/>) and read back.</summary>
public static class AccountHistory
{
    /// <summary>The <see cref="AuditEntry.EntityType"/> of account changes; they belong to no claim, so no claim's History shows them.</summary>
    public const string EntityType = "Account";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>What an entry stores: the account as it was named then, and the role granted, removed or created with.</summary>
    public sealed record Details(string Name, string Email, string? Role);

    public static AccountHistoryLine Describe(AuditEntry entry)
    {
        var details = entry.After is null ? null : JsonSerializer.Deserialize<Details>(entry.After, Json);
        var who = details is null ? "the account" : $"{details.Name} ({details.Email})";
        var role = details?.Role ?? "a";
        var text = entry.Action switch
        {
            AuditAction.Created => $"{entry.UserName} created the account of {who} with the {role} role",
            AuditAction.RoleGranted => $"{entry.UserName} gave {who} the {role} role",
            AuditAction.RoleRemoved => $"{entry.UserName} removed the {role} role from {who}",
            AuditAction.Deactivated => $"{entry.UserName} deactivated {who}",
            AuditAction.Reactivated => $"{entry.UserName} reactivated {who}",
            AuditAction.Unlocked => $"{entry.UserName} unlocked {who} after too many wrong passwords",
            _ => $"{entry.UserName} changed {who} ({entry.Action})",
        };
        return new AccountHistoryLine(entry.Id, entry.At, entry.Action, text);
    }
}
