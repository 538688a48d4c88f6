using System.Security.Claims;
using System.Text.Json;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;

namespace ClaimTracker.Web.Features.Editing;

/// <summary>
/// What of a claim's history one reader may see. An <see cref="AuditEntry"/> keeps every value a change wrote, so the
/// history holds what no other page shows to everyone: verdict drafts and the words of deleted notes. The service
/// filters each entry here, by the reader's permissions, before it leaves the server; the markup only shows what it gets.
/// <list type="bullet">
/// <item><b>Verdicts</b> without <see cref="Permission.ReadDrafts"/>: the entry says what happened ("Verdict drafted (in
/// review, visible to editors)", "Verdict published", "Verdict reopened …") and carries no rating, rationale or evidence,
/// not even for a publication: a published verdict is read in the Verdict panel, and once reopened it is withdrawn from
/// public view everywhere (panel, page JSON-LD, ClaimReview endpoint), so the history must not keep it public either.</item>
/// <item><b>Notes</b> without <see cref="Permission.ModerateAnnotations"/>: the entry says a note was added, edited or
/// deleted, without its words. A deleted note's text is then readable nowhere. Earlier wordings of a live note are
/// withheld too, because a moderator's edit is moderation as much as a delete is; the thread shows the current text.
/// Editors and admins moderate notes, so they see every entry in full, deleted notes included: that is how they judge
/// what was removed and why.</item>
/// <item>Everything else (the claim, its statements and relations, merges) is shown in full to every signed-in reader,
/// deleted records included: those were public record, and showing what changed is what the history is for.</item>
/// <item><b>Details</b> (the stored fields: ids, offsets, versions) with <see cref="Permission.EditRecord"/> only: editors
/// trace a change with them; everyone else reads the entry in words.</item>
/// </list>
/// </summary>
public sealed record HistoryReader(bool ReadsDrafts, bool ReadsModeratedNotes, bool ReadsDetails = false)
{
    /// <summary>
    /// The reader with no permission at all: a newsroom member without a role, or the public (a claim's Atom feed). No
    /// verdict values, no note words, no stored fields.
    /// </summary>
    public static readonly HistoryReader Public = new(ReadsDrafts: false, ReadsModeratedNotes: false, ReadsDetails: false);

    /// <summary>The stored fields (ids, offsets, versions) are for those who edit the record and need them to trace a change.</summary>
    public static HistoryReader Of(ClaimsPrincipal user) => new(
        CurrentUser.Has(user, Permission.ReadDrafts),
        CurrentUser.Has(user, Permission.ModerateAnnotations),
        CurrentUser.Has(user, Permission.EditRecord));

    /// <summary>Whether this reader needs to know which of the notes in the history are deleted.</summary>
    public bool NeedsDeletedNotes => !ReadsModeratedNotes;

    /// <summary>Whether this reader gets only a notice for the entry, without its values.</summary>
    public bool Withholds(AuditEntry entry) => entry.EntityType switch
    {
        nameof(Verdict) => !ReadsDrafts,
        nameof(Annotation) => !ReadsModeratedNotes,
        _ => false,
    };

    /// <summary>The entry as this reader may see it. <paramref name="deletedNotes"/>: ids of deleted notes among the entries.</summary>
    public HistoryEntry Show(AuditEntry entry, HistorySnapshot before, HistorySnapshot after, HistoryNames names, IReadOnlySet<int> deletedNotes) => entry.EntityType switch
    {
        nameof(Verdict) when !ReadsDrafts => Withheld(entry, before, after, VerdictNotice(entry)),
        nameof(Annotation) when !ReadsModeratedNotes => Withheld(entry, before, after, NoteNotice(entry, deletedNotes.Contains(entry.EntityId))),
        _ => ClaimHistoryService.ToEntry(entry, before, after, names, ReadsDetails),
    };

    /// <summary>What happened ("drafted the verdict", "added a note") says nothing the notice does not; the values stay out.</summary>
    private static HistoryEntry Withheld(AuditEntry e, HistorySnapshot before, HistorySnapshot after, string notice) =>
        new(e.Id, e.At, e.UserName, e.Action, e.EntityType, e.EntityId, HistoryWords.WhatOf(e, before, after), Summary: null, Changes: [], Withheld: notice);

    public static string VerdictNotice(AuditEntry entry) => (entry.Action, State(entry.Before), State(entry.After)) switch
    {
        (AuditAction.Created, _, VerdictState.Published) => "Verdict published",
        (AuditAction.Created, _, _) => "Verdict drafted (in review, visible to editors)",
        (AuditAction.Updated, VerdictState.Draft, VerdictState.Published) => "Verdict published",
        (AuditAction.Updated, VerdictState.Published, VerdictState.Draft) => "Verdict reopened: withdrawn from public view, back in review (visible to editors)",
        (AuditAction.Updated, _, VerdictState.Draft) => "Verdict draft changed (in review, visible to editors)",
        (AuditAction.Deleted, _, _) => "Verdict retired (visible to editors)",
        _ => "Verdict changed (details visible to editors)",
    };

    public static string NoteNotice(AuditEntry entry, bool noteDeleted) => (entry.Action, noteDeleted) switch
    {
        (AuditAction.Deleted, _) => "Note deleted; its text is visible to editors only",
        (_, true) => "The note has since been deleted; its text is visible to editors only",
        _ => "The note's current text is under Notes; earlier wording is visible to editors only",
    };

    /// <summary>The verdict's workflow state in a history snapshot (stored as its number), or null.</summary>
    private static VerdictState? State(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty(nameof(Verdict.State), out var state) && state.TryGetInt32(out var number)
            ? (VerdictState)number
            : null;
    }
}
