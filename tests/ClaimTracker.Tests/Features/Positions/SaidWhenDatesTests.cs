using ClaimTracker.Web.Features.Positions;

namespace ClaimTracker.Tests.Features.Positions;

/// <summary>What the article says of when (SaidWhen) read against the day it was published.</summary>
public class SaidWhenDatesTests
{
    // Thursday 15 January 2026, the seed article's day.
    private static readonly DateOnly Published = new(2026, 1, 15);

    private static StatementDate Read(string? saidWhen, DateOnly? published = null) => SaidWhenDates.Resolve(saidWhen, published ?? Published);

    [Theory]
    [InlineData("Thursday", "2026-01-15")] // the publication day itself
    [InlineData("on Thursday", "2026-01-15")]
    [InlineData("Wednesday", "2026-01-14")]
    [InlineData("on Monday", "2026-01-12")]
    [InlineData("Friday", "2026-01-09")] // the last Friday on or before publication
    [InlineData("last Thursday", "2026-01-08")] // "last" on the same weekday means a week ago
    [InlineData("last Monday", "2026-01-12")]
    [InlineData("SUNDAY evening", "2026-01-11")]
    [InlineData("yesterday", "2026-01-14")]
    [InlineData("late last night", "2026-01-14")]
    [InlineData("today", "2026-01-15")]
    [InlineData("this morning", "2026-01-15")]
    [InlineData("2026-01-03", "2026-01-03")]
    [InlineData("on 2025-12-31, at a briefing", "2025-12-31")]
    [InlineData("15 January", "2026-01-15")]
    [InlineData("on 3rd January", "2026-01-03")]
    [InlineData("January 15", "2026-01-15")]
    [InlineData("Jan. 2", "2026-01-02")]
    [InlineData("20 December", "2025-12-20")] // no year: the last such day on or before publication
    [InlineData("December 20", "2025-12-20")]
    [InlineData("16 January", "2025-01-16")] // the day after publication is last year's
    [InlineData("12 March 2024", "2024-03-12")]
    [InlineData("March 12, 2024", "2024-03-12")]
    [InlineData("the 4th of July", "2025-07-04")]
    [InlineData("Thursday, 8 January", "2026-01-08")] // the date outranks the weekday
    [InlineData("on May 5", "2025-05-05")]
    public void A_day_is_read_relative_to_publication(string saidWhen, string expected)
    {
        var date = Read(saidWhen);

        Assert.Equal((DateOnly.Parse(expected), DatePrecision.Day, DateBasis.Said), (date.Date, date.Precision, date.Basis));
    }

    [Theory]
    [InlineData("in December", "2025-12-01")] // the last December on or before publication
    [InlineData("December", "2025-12-01")]
    [InlineData("at the time (December)", "2025-12-01")] // as the seed gives Gabbard's doubt
    [InlineData("in January", "2026-01-01")] // the publication's own month
    [InlineData("in February", "2025-02-01")]
    [InlineData("in March 2024", "2024-03-01")]
    [InlineData("Sept 2025", "2025-09-01")]
    [InlineData("in May", "2025-05-01")]
    [InlineData("May 2025", "2025-05-01")]
    [InlineData("early in May", "2025-05-01")]
    public void A_month_is_read_as_a_month(string saidWhen, string expected)
    {
        var date = Read(saidWhen);

        Assert.Equal((DateOnly.Parse(expected), DatePrecision.Month, DateBasis.Said), (date.Date, date.Precision, date.Basis));
        Assert.Equal(date.Date.AddMonths(1).AddDays(-1), date.End);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("repeatedly")]
    [InlineData("last week")]
    [InlineData("earlier")]
    [InlineData("it may rain")] // "may" the verb is no month
    [InlineData("31 February")] // no such day
    [InlineData("2026-13-01")]
    [InlineData("2026-01-16")] // after publication: not when it was said
    [InlineData("20 January 2026")]
    [InlineData("in March 2026")]
    [InlineData("0000-01-01")]
    public void Anything_else_is_the_publication_date_and_says_so(string? saidWhen)
    {
        var date = Read(saidWhen);

        Assert.Equal((Published, DatePrecision.Day, DateBasis.Published), (date.Date, date.Precision, date.Basis));
    }

    [Fact]
    public void A_day_without_a_year_read_early_in_January_is_last_years()
    {
        Assert.Equal(new DateOnly(2025, 12, 31), Read("31 December", new DateOnly(2026, 1, 2)).Date);
        Assert.Equal(new DateOnly(2024, 2, 29), Read("29 February", new DateOnly(2024, 3, 1)).Date);
        // No 29 February in 2026 or 2025: nothing to read.
        Assert.Equal(DateBasis.Published, Read("29 February", new DateOnly(2026, 3, 1)).Basis);
    }

    [Fact]
    public void The_labels_say_which_date_is_shown()
    {
        Assert.Equal("said Thursday, 15 Jan 2026", Read("Thursday").Label);
        Assert.Equal("said Wednesday, 14 Jan 2026", Read("yesterday").Label);
        Assert.Equal("said in December 2025", Read("in December").Label);
        Assert.Equal("published 15 Jan 2026", Read("repeatedly").Label);
        Assert.Equal("published 15 Jan 2026", Read(null).Label);
        Assert.Equal("on 14 Jan 2026", Read("yesterday").OnDate);
        Assert.Equal("in December 2025", Read("December").OnDate);
        Assert.Equal("Thursday, 15 Jan 2026", Read(null).Heading);
    }

    [Fact]
    public void Before_means_certainly_earlier_and_a_month_sorts_after_its_days()
    {
        var february = Read("in February", new DateOnly(2026, 3, 4));
        var sixteenth = Read("16 February", new DateOnly(2026, 3, 4));
        var march = Read("2 March", new DateOnly(2026, 3, 4));

        Assert.False(february.IsBefore(sixteenth));
        Assert.False(sixteenth.IsBefore(february));
        Assert.True(february.IsBefore(march));
        Assert.True(sixteenth.IsBefore(march));
        Assert.False(march.IsBefore(march));
        Assert.True(StatementDate.Compare(sixteenth, february) < 0);
        Assert.True(StatementDate.Compare(february, march) < 0);
        Assert.Equal(0, StatementDate.Compare(march, march));
    }
}
