using Bunit;
using ClaimTracker.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Features.Common;

/// <summary>
/// A page's data is carried from the prerender into the circuit only while small: the browser sends it back in a hub
/// message limited to 64 KB, and a larger one closes the circuit (the claim page of a busy claim never became interactive).
/// </summary>
public sealed class CarriedStateTests : BunitContext
{
    private sealed record PageData(string Text);

    [Fact]
    public void Small_data_is_carried_and_large_data_is_left_for_the_circuit_to_read_again()
    {
        var persisted = AddBunitPersistentComponentState();
        var state = Services.GetRequiredService<PersistentComponentState>();
        var small = new PageData(new string('x', 1_000));
        var large = new PageData(new string('x', CarriedState<PageData>.MaxBytes));
        using var carriesSmall = new CarriedState<PageData>(state, "small", () => small);
        using var carriesLarge = new CarriedState<PageData>(state, "large", () => large);
        using var carriesNothing = new CarriedState<PageData>(state, "none", () => null);

        persisted.TriggerOnPersisting();

        Assert.True(persisted.TryTake<PageData>("small", out var carried));
        Assert.Equal(small, carried);
        Assert.False(persisted.TryTake<PageData>("large", out _));
        Assert.False(persisted.TryTake<PageData>("none", out _));
    }
}
