namespace ClaimTracker.Web.Features.Common;

/// <summary>
/// The limits on what people type, in one place: the services refuse input past them (whatever the page checked), the
/// database configurations size their columns from them, and the README's "Limits" table lists them. Lengths are in
/// UTF-16 characters, after <see cref="InputText"/> has cleaned the input and trimmed it.
/// Each limit sits far above anything real work needs, so only a mistake or an attack ever meets one.
/// </summary>
public static class InputLimits
{
    // ---------------------------------------------------------------- notes (Markdown)

    /// <summary>A note is a comment, not an article: the longest seed note is under 300 characters; 10,000 is ~1,500 words.</summary>
    public const int NoteLength = 10_000;

    /// <summary>
    /// Lines in a note. 500 lines is ten printed pages of one-line paragraphs; the parser's work and the page's height
    /// grow with lines, not only with characters (10,000 empty quote lines are 20,000 characters of nothing).
    /// </summary>
    public const int NoteLines = 500;

    /// <summary>
    /// How deep quotes and lists may nest in a note (a quote in a list in a quote is 3). Real notes use 1–3; Markdig
    /// itself gives up past ~128 and the renderer's recursion is what a few hundred <c>&gt;</c> attack, so 8 leaves
    /// generous room for honest use and none for that.
    /// </summary>
    public const int NoteBlockNesting = 8;

    /// <summary>How deep emphasis and links may nest (<c>***bold italic***</c> is 2). Same reasoning as <see cref="NoteBlockNesting"/>.</summary>
    public const int NoteInlineNesting = 8;

    /// <summary>
    /// The browser-side cap on a text box whose own limit is long or counted after cleaning (a note, the evidence links).
    /// Blazor sends a box's whole value on every keystroke and the circuit accepts messages up to 64 KB (Program.cs):
    /// 20,000 UTF-16 characters are at most 60,000 bytes of UTF-8, so a pasted novel is cut here, then refused by the
    /// service with its length, instead of dropping the connection. Not a limit of its own: the services' limits are lower.
    /// </summary>
    public const int TextBoxLength = 20_000;

    // ---------------------------------------------------------------- spans of a source text

    /// <summary>
    /// The longest passage a span note or an attribution may cover. A quote is a sentence or a paragraph (the seed's
    /// longest attribution is under 200 characters); 5,000 is a long paragraph, and keeps every reader from receiving a
    /// whole article repeated as one note's "quote".
    /// </summary>
    public const int SpanLength = 5_000;

    // ---------------------------------------------------------------- the record (claims, actors, relations, attributions)

    public const int ClaimText = 1000;
    public const int Topic = 60;
    public const int Topics = 12;
    public const int ActorName = 200;
    public const int ActorRole = 200;
    public const int ActorCountry = 100;
    public const int Alias = 200;
    public const int Aliases = 30;
    public const int RelationRationale = 2000;
    public const int SaidWhen = 200;
    public const int SaidWhere = 300;
    public const int ReportedVia = 300;

    // ---------------------------------------------------------------- verdicts

    public const int VerdictRationale = 10_000;

    /// <summary>Evidence links (web addresses) on one verdict.</summary>
    public const int EvidenceLinks = 20;

    /// <summary>Attributions and sources cited on one verdict, each: more than a claim's page could ever list.</summary>
    public const int EvidenceRecords = 200;

    /// <summary>One web address. Browsers and servers commonly stop at about 2,000 characters; so does a source's address.</summary>
    public const int Url = 2000;

    // ---------------------------------------------------------------- corrections of a source

    /// <summary>The longest text a corrected source may have: a long feature is ~100,000 characters.</summary>
    public const int SourceText = 1_000_000;

    /// <summary>What a correction changed, in a sentence or two.</summary>
    public const int CorrectionNote = 1000;
}
