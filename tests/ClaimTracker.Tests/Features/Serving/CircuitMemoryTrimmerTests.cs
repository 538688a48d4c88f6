using ClaimTracker.Web.Features.Serving;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClaimTracker.Tests.Features.Serving;

public class CircuitMemoryTrimmerTests
{
    /// <summary>A clock whose one timer fires only when the test says so, and which shows when it is due.</summary>
    private sealed class ManualTimers : TimeProvider
    {
        public ManualTimer? Timer { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            Timer = new ManualTimer(() => callback(state), dueTime);
    }

    private sealed class ManualTimer(Action fire, TimeSpan due) : ITimer
    {
        public TimeSpan Due { get; private set; } = due;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Due = dueTime;
            return true;
        }

        public void Fire()
        {
            Due = Timeout.InfiniteTimeSpan;
            fire();
        }

        public void Dispose() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static (CircuitMemoryTrimmer Trimmer, ManualTimer Timer) Create()
    {
        var time = new ManualTimers();
        var trimmer = new CircuitMemoryTrimmer(time, NullLogger<CircuitMemoryTrimmer>.Instance);
        return (trimmer, time.Timer!);
    }

    private static void Open(CircuitMemoryTrimmer trimmer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            trimmer.Opened();
        }
    }

    private static void Close(CircuitMemoryTrimmer trimmer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            trimmer.Closed();
        }
    }

    [Fact]
    public void Once_three_quarters_of_a_crowd_have_left_and_the_closing_stops_it_collects_once()
    {
        var (trimmer, timer) = Create();
        Open(trimmer, 200);
        Close(trimmer, 149);
        Assert.Equal(Timeout.InfiniteTimeSpan, timer.Due); // 51 of 200 still open

        Close(trimmer, 1);
        Assert.Equal(CircuitMemoryTrimmer.QuietPeriod, timer.Due);
        timer.Fire();
        Assert.Equal(1, trimmer.Trims);

        // The rest leaving is not a new crowd: no second pause for it.
        Close(trimmer, 50);
        Assert.Equal(Timeout.InfiniteTimeSpan, timer.Due);
    }

    [Fact]
    public void A_crowd_coming_back_before_the_quiet_period_ends_calls_the_collection_off()
    {
        var (trimmer, timer) = Create();
        Open(trimmer, 100);
        Close(trimmer, 90);
        Assert.Equal(CircuitMemoryTrimmer.QuietPeriod, timer.Due);

        trimmer.Opened();
        Assert.Equal(Timeout.InfiniteTimeSpan, timer.Due);
        Assert.Equal(0, trimmer.Trims);
    }

    [Fact]
    public void A_few_readers_coming_and_going_never_cause_a_collection()
    {
        var (trimmer, timer) = Create();
        Open(trimmer, CircuitMemoryTrimmer.MinimumPeak - 1);
        Close(trimmer, CircuitMemoryTrimmer.MinimumPeak - 1);
        Assert.Equal(Timeout.InfiniteTimeSpan, timer.Due);
    }
}
