using System.Security.Cryptography;
using System.Text;

namespace ClaimTracker.Web.Domain;

/// <summary>
/// A published text. Each revision's text is immutable: every anchor points into one revision's text, so a
/// correction never edits a text in place but makes a new revision (<see cref="Correct"/>), keeps the superseded
/// text as a <see cref="SourceRevision"/>, and re-anchors what pointed into it. <see cref="Text"/> and
/// <see cref="ContentHash"/> are those of the current revision, <see cref="Revision"/>; the hash proves which
/// text an anchor means.
/// </summary>
public class Source
{
    private Source() { }

    public Source(string key, string outlet, string title, DateOnly publishedOn, string? url, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A source needs its text.", nameof(text));
        }
        Key = key;
        Outlet = outlet;
        Title = title;
        PublishedOn = publishedOn;
        Url = url;
        Text = text;
        ContentHash = HashOf(text);
    }

    public int Id { get; private set; }
    public string Key { get; private set; } = "";
    public string Outlet { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateOnly PublishedOn { get; private set; }
    public string? Url { get; private set; }
    /// <summary>The current revision's text.</summary>
    public string Text { get; private set; } = "";

    /// <summary>SHA-256 of the current revision's UTF-8 text, lowercase hex.</summary>
    public string ContentHash { get; private set; } = "";

    /// <summary>
    /// The current revision, from 1. Also the concurrency token: two editors correcting the same revision cannot
    /// both win, the second save is refused and sees the first one's text.
    /// </summary>
    public int Revision { get; private set; } = 1;

    /// <summary>When the current revision was made; null for the original text.</summary>
    public DateTimeOffset? RevisedAt { get; private set; }

    /// <summary>Who made the current revision; null for the original text.</summary>
    public string? RevisedBy { get; private set; }

    /// <summary>What the current revision corrected; null for the original text.</summary>
    public string? RevisionNote { get; private set; }

    /// <summary>
    /// Gives the outlet a new name (a misspelt outlet is repaired across all its sources). Not a revision: the text,
    /// and every anchor into it, stay as they are.
    /// </summary>
    public void RenameOutlet(string outlet)
    {
        if (string.IsNullOrWhiteSpace(outlet))
        {
            throw new ArgumentException("An outlet needs a name.", nameof(outlet));
        }
        Outlet = outlet;
    }

    /// <summary>The superseded texts, one per earlier revision.</summary>
    public List<SourceRevision> PastRevisions { get; private set; } = [];

    public List<Attribution> Attributions { get; private set; } = [];

    /// <summary>
    /// Makes <paramref name="newText"/> the next revision and returns the superseded one, which the caller stores.
    /// Re-anchoring what pointed into the old text (every <see cref="IAnchoredRecord"/>) is the caller's job, in the same save.
    /// </summary>
    public SourceRevision Correct(string newText, string note, string revisedBy, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(newText))
        {
            throw new ArgumentException("A source needs its text.", nameof(newText));
        }
        if (string.Equals(newText, Text, StringComparison.Ordinal))
        {
            throw new ArgumentException("The corrected text is the same as the current one.", nameof(newText));
        }
        var superseded = new SourceRevision
        {
            SourceId = Id,
            Number = Revision,
            Text = Text,
            ContentHash = ContentHash,
            RevisedAt = RevisedAt,
            RevisedBy = RevisedBy,
            Note = RevisionNote,
        };
        Text = newText;
        ContentHash = HashOf(newText);
        Revision++;
        RevisedAt = at;
        RevisedBy = revisedBy;
        RevisionNote = note;
        return superseded;
    }

    public static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
