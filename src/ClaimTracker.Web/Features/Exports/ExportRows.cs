using CsvHelper;

namespace ClaimTracker.Web.Features.Exports;

// The rows of the CSV exports. Column names are those of the JSON API's fields (camelCase), and enum values are written
// as the API writes them ("asserts", "inReview"), so a data desk can join a CSV to what the API returns. Add columns at
// the end; never rename one: spreadsheets and scripts find columns by these names.

/// <summary>One claim of <c>/api/export/claims.csv</c>.</summary>
[CsvRecord]
public sealed partial class ClaimCsvRow
{
    [CsvColumn("id")] public int Id { get; init; }
    [CsvColumn("text")] public string Text { get; init; } = "";
    [CsvColumn("status")] public string Status { get; init; } = "";
    /// <summary>The claim's topics, separated by "; ".</summary>
    [CsvColumn("topics")] public string Topics { get; init; } = "";
    /// <summary>Challenges and contradicting claims, as the list's "Assessments" column counts them.</summary>
    [CsvColumn("conflicting")] public int Conflicting { get; init; }
    [CsvColumn("supporting")] public int Supporting { get; init; }
    [CsvColumn("statements")] public int Statements { get; init; }
    /// <summary>The actors who assert the claim, separated by "; ".</summary>
    [CsvColumn("madeBy")] public string MadeBy { get; init; } = "";
    /// <summary>The published verdict's rating; empty while there is none (a draft never shows here).</summary>
    [CsvColumn("rating")] public string? Rating { get; init; }
    [CsvColumn("ratingValue")] public int? RatingValue { get; init; }
    [CsvColumn("verdictPublishedAt")] public DateTimeOffset? VerdictPublishedAt { get; init; }
    [CsvColumn("url")] public string Url { get; init; } = "";
}

/// <summary>One statement (attribution) of <c>/api/export/attributions.csv</c>.</summary>
[CsvRecord]
public sealed partial class AttributionCsvRow
{
    [CsvColumn("id")] public int Id { get; init; }
    [CsvColumn("quote")] public string Quote { get; init; } = "";
    [CsvColumn("stance")] public string Stance { get; init; } = "";
    [CsvColumn("mode")] public string Mode { get; init; } = "";
    /// <summary>Offsets into revision <see cref="AnchorRevision"/> of the source's text, as in the API.</summary>
    [CsvColumn("start")] public int Start { get; init; }
    [CsvColumn("end")] public int End { get; init; }
    [CsvColumn("anchorState")] public string AnchorState { get; init; } = "";
    [CsvColumn("anchorRevision")] public int AnchorRevision { get; init; }
    [CsvColumn("sourceId")] public int SourceId { get; init; }
    [CsvColumn("sourceTitle")] public string SourceTitle { get; init; } = "";
    [CsvColumn("sourceOutlet")] public string SourceOutlet { get; init; } = "";
    [CsvColumn("sourcePublishedOn")] public DateOnly SourcePublishedOn { get; init; }
    [CsvColumn("actorId")] public int ActorId { get; init; }
    [CsvColumn("actor")] public string Actor { get; init; } = "";
    [CsvColumn("claimId")] public int ClaimId { get; init; }
    [CsvColumn("claim")] public string Claim { get; init; } = "";
    [CsvColumn("saidWhen")] public string? SaidWhen { get; init; }
    [CsvColumn("saidWhere")] public string? SaidWhere { get; init; }
    [CsvColumn("reportedVia")] public string? ReportedVia { get; init; }
    /// <summary>The quote in the reader: <c>/sources/{sourceId}?attribution={id}</c>.</summary>
    [CsvColumn("url")] public string Url { get; init; } = "";
}

/// <summary>One actor of <c>/api/export/actors.csv</c>.</summary>
[CsvRecord]
public sealed partial class ActorCsvRow
{
    [CsvColumn("id")] public int Id { get; init; }
    [CsvColumn("name")] public string Name { get; init; } = "";
    [CsvColumn("kind")] public string Kind { get; init; } = "";
    [CsvColumn("role")] public string? Role { get; init; }
    [CsvColumn("country")] public string? Country { get; init; }
    /// <summary>Other names the texts use, separated by "; ".</summary>
    [CsvColumn("aliases")] public string Aliases { get; init; } = "";
    [CsvColumn("statements")] public int Statements { get; init; }
    /// <summary>Of those, the ones that deny, question or doubt a claim.</summary>
    [CsvColumn("challenging")] public int Challenging { get; init; }
    [CsvColumn("url")] public string Url { get; init; } = "";
}
