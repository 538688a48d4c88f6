using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace ClaimTracker.Web.Components.Shared;

/// <summary>
/// A page's data carried from the prerender into its live circuit, so the page neither queries twice nor flashes a
/// skeleton, but only while it is small. The browser sends the carried state back when the circuit starts, in a message
/// that the hub limits to 64 KB (<c>MaximumReceiveMessageSize</c> in Program.cs); a busy claim's or actor's page, even
/// bounded, can be larger, and then the circuit would be closed and the page never become interactive. Larger data is
/// not carried: the circuit reads it again.
/// </summary>
public sealed class CarriedState<T> : IDisposable where T : class
{
    /// <summary>The most a page carries, as JSON (the browser sends it base64-encoded, a third larger), leaving room for the rest.</summary>
    public const int MaxBytes = 16 * 1024;

    private readonly PersistentComponentState state;
    private readonly string key;
    private readonly PersistingComponentStateSubscription subscription;

    public CarriedState(PersistentComponentState state, string key, Func<T?> current)
    {
        this.state = state;
        this.key = key;
        subscription = state.RegisterOnPersisting(() =>
        {
            if (current() is { } value && JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web).Length <= MaxBytes)
            {
                state.PersistAsJson(key, value);
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>The data the prerender carried, or null (nothing carried, or this is the prerender itself).</summary>
    public T? Take() => state.TryTakeFromJson<T>(key, out var value) ? value : null;

    public void Dispose() => subscription.Dispose();
}
