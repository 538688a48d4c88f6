using ClaimTracker.Web.Components.Shared;

namespace ClaimTracker.Tests.Components;

/// <summary>Times as the reader lives them: the zone the browser names, its offset on that date, UTC otherwise.</summary>
public sealed class ReaderClockTests
{
    private static readonly DateTimeOffset Winter = new(2026, 11, 30, 12, 5, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Summer = new(2026, 7, 1, 12, 5, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Europe/Kyiv", "30 Nov 2026, 14:05 UTC+2")]
    [InlineData("America/New_York", "30 Nov 2026, 07:05 UTC−5")]
    [InlineData("Asia/Kolkata", "30 Nov 2026, 17:35 UTC+5:30")]
    [InlineData("Pacific/Kiritimati", "1 Dec 2026, 02:05 UTC+14")]
    public void A_known_zone_shows_its_local_time_and_offset(string zone, string expected)
    {
        var clock = new ReaderClock();
        clock.Use(zone);
        Assert.True(clock.IsKnown);
        Assert.Equal(zone, clock.ZoneId);
        Assert.Equal(expected, clock.Format(Winter));
    }

    [Fact]
    public void The_offset_is_the_one_in_force_on_the_date_shown()
    {
        var clock = new ReaderClock();
        clock.Use("Europe/Kyiv");
        Assert.Equal("1 Jul 2026, 15:05 UTC+3", clock.Format(Summer));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    public void An_unknown_or_missing_zone_keeps_UTC(string? zone)
    {
        var clock = new ReaderClock();
        clock.Use(zone);
        Assert.False(clock.IsKnown);
        Assert.Equal("30 Nov 2026, 12:05 UTC", clock.Format(Winter));
    }

    [Fact]
    public void An_unknown_zone_after_a_known_one_changes_nothing()
    {
        var clock = new ReaderClock();
        clock.Use("Europe/Kyiv");
        clock.Use("Nowhere/Atlantis");
        Assert.Equal("Europe/Kyiv", clock.ZoneId);
        Assert.Equal("30 Nov 2026, 12:05 UTC", ReaderClock.FormatUtc(Winter));
    }
}
