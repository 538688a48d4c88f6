using System.Globalization;
using System.Text.RegularExpressions;
using ClaimTracker.Web.Components.Shared;

namespace ClaimTracker.Web.Features.Positions;

/// <summary>How exactly a statement's date is known.</summary>
public enum DatePrecision
{
    Day,
    /// <summary>Only the month ("in December").</summary>
    Month,
}

/// <summary>Where a statement's date comes from.</summary>
public enum DateBasis
{
    /// <summary>From when the article says it was said (<c>SaidWhen</c>).</summary>
    Said,
    /// <summary>The source's publication date: the article gives no date it can be read as.</summary>
    Published,
}

/// <summary>
/// When a statement was made, as far as the record tells: a day, or only a month, either said in the article or, failing
/// that, the day the source was published. <see cref="Date"/> is the day, or the first of the month.
/// </summary>
public readonly record struct StatementDate(DateOnly Date, DatePrecision Precision, DateBasis Basis)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public DateOnly Start => Date;

    /// <summary>The last day it may have been: the day itself, or the month's last day.</summary>
    public DateOnly End => Precision == DatePrecision.Month ? Date.AddMonths(1).AddDays(-1) : Date;

    /// <summary>
    /// Certainly earlier: this one ends before <paramref name="other"/> starts. "In February" is not before 16 February,
    /// nor after it; two statements of one day are at the same time.
    /// </summary>
    public bool IsBefore(StatementDate other) => End < other.Start;

    /// <summary>The date alone, as a group heading: "Thursday, 15 Jan 2026", or "February 2026".</summary>
    public string Heading => Precision == DatePrecision.Month ? Date.ToString("MMMM yyyy", Invariant) : $"{Date.ToString("dddd", Invariant)}, {Date.Display()}";

    /// <summary>
    /// The date with what it is: "said Thursday, 15 Jan 2026", "said in December 2025", or "published 15 Jan 2026" when the
    /// article gives no date.
    /// </summary>
    public string Label => Basis switch
    {
        DateBasis.Published => "published " + Date.Display(),
        _ => Precision == DatePrecision.Month ? "said in " + Heading : "said " + Heading,
    };

    /// <summary>"on 15 Jan 2026", "in February 2026": for sentences such as "asserted on 15 Jan 2026".</summary>
    public string OnDate => Precision == DatePrecision.Month ? "in " + Heading : "on " + Date.Display();

    /// <summary>
    /// Sortable, oldest first, by the last day each may have been: a month after the days in it ("in February" is known to
    /// have happened by 28 February), consistent with <see cref="IsBefore"/>.
    /// </summary>
    public static int Compare(StatementDate a, StatementDate b)
    {
        var byEnd = a.End.CompareTo(b.End);
        return byEnd != 0 ? byEnd : b.Start.CompareTo(a.Start);
    }
}

/// <summary>
/// Reads <c>Attribution.SaidWhen</c>, free text as the article gives it ("Thursday", "on 15 January", "in December",
/// "yesterday"), as a date relative to the source's publication: a statement is made on or before the day it is
/// published, so a weekday is the last such day on or before publication, a day without a year is the last such day on or
/// before it, and a month without a year the last such month. Anything else ("repeatedly", "last week", a date after
/// publication) gives the publication date, and says so.
/// </summary>
public static partial class SaidWhenDates
{
    private const string Months = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

    public static StatementDate Resolve(string? saidWhen, DateOnly publishedOn) =>
        (string.IsNullOrWhiteSpace(saidWhen) ? null : Read(saidWhen, publishedOn)) is { } said && said.Start <= publishedOn
            ? said
            : new StatementDate(publishedOn, DatePrecision.Day, DateBasis.Published);

    private static StatementDate? Read(string text, DateOnly published)
    {
        var lower = text.ToLowerInvariant();
        if (IsoDate().Match(lower) is { Success: true } iso)
        {
            return Day(Number(iso.Groups["y"]), Number(iso.Groups["m"]), Number(iso.Groups["d"]));
        }
        if (DayMonth().Match(lower) is { Success: true } dm)
        {
            return DayOf(dm.Groups["y"], MonthNumber(dm.Groups["month"].Value), Number(dm.Groups["d"]), published);
        }
        if (MonthDay().Match(lower) is { Success: true } md)
        {
            return DayOf(md.Groups["y"], MonthNumber(md.Groups["month"].Value), Number(md.Groups["d"]), published);
        }
        if (Relative(lower, published) is { } relative)
        {
            return relative;
        }
        if (Weekday().Match(lower) is { Success: true } wd)
        {
            var weekday = Enum.Parse<DayOfWeek>(wd.Groups["day"].Value, ignoreCase: true);
            var back = ((int)published.DayOfWeek - (int)weekday + 7) % 7;
            // "Last Thursday", read on a Thursday, is a week ago; "Thursday" is that day.
            if (back == 0 && wd.Groups["last"].Success)
            {
                back = 7;
            }
            return new StatementDate(published.AddDays(-back), DatePrecision.Day, DateBasis.Said);
        }
        foreach (Match m in MonthAlone().Matches(lower))
        {
            // "may" is a month only where it can be nothing else: "in May", "May 2025", or capitalised as a month is.
            if (m.Groups["month"].Value == "may" && !m.Groups["in"].Success && !m.Groups["y"].Success && text.Substring(m.Groups["month"].Index, 3) != "May")
            {
                continue;
            }
            var month = MonthNumber(m.Groups["month"].Value);
            var year = m.Groups["y"].Success ? Number(m.Groups["y"]) : month <= published.Month ? published.Year : published.Year - 1;
            return year is >= 1 and <= 9999 ? new StatementDate(new DateOnly(year, month, 1), DatePrecision.Month, DateBasis.Said) : null;
        }
        return null;
    }

    private static StatementDate? Relative(string lower, DateOnly published)
    {
        if (Yesterday().IsMatch(lower))
        {
            return new StatementDate(published.AddDays(-1), DatePrecision.Day, DateBasis.Said);
        }
        if (Today().IsMatch(lower))
        {
            return new StatementDate(published, DatePrecision.Day, DateBasis.Said);
        }
        return null;
    }

    /// <summary>A day given without a year is the last such day on or before publication.</summary>
    private static StatementDate? DayOf(Group year, int month, int day, DateOnly published)
    {
        if (year.Success)
        {
            return Day(Number(year), month, day);
        }
        var sameYear = Day(published.Year, month, day);
        return sameYear is { } d && d.Start <= published ? d : Day(published.Year - 1, month, day);
    }

    private static StatementDate? Day(int year, int month, int day) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new StatementDate(new DateOnly(year, month, day), DatePrecision.Day, DateBasis.Said)
            : null;

    private static int Number(Group g) => int.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static int MonthNumber(string name) => name[..3] switch
    {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        _ => 12,
    };

    [GeneratedRegex(@"\b(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})\b", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?<month>" + Months + @")\b\.?(?:,?\s+(?<y>\d{4})\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonth();

    [GeneratedRegex(@"\b(?<month>" + Months + @")\b\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<y>\d{4})\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(?<last>last\s+)?(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"(?<in>\bin\s+)?\b(?<month>" + Months + @")\b\.?(?:\s+(?<y>\d{4})\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex MonthAlone();

    [GeneratedRegex(@"\b(?:yesterday|last\s+night)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Yesterday();

    [GeneratedRegex(@"\b(?:today|this\s+morning|this\s+afternoon|this\s+evening|tonight)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Today();
}
