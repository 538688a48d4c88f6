using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ClaimTracker.Web.Components.Shared;

/// <summary>
/// The reader's time zone, for showing times as the reader lives them (a journalist in Kyiv and an editor in New York
/// read "published at 14:05" differently). The browser names its zone in a cookie (js/page.js, before the circuit
/// starts); the page request and the circuit each read it once. Unknown, or a zone this server does not know: UTC.
/// One per request or circuit (scoped).
/// </summary>
public sealed class ReaderClock
{
    public const string CookieName = "ct-tz";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    /// <summary>Whether the reader's zone has been read (it may be UTC itself).</summary>
    public bool IsKnown { get; private set; }

    /// <summary>The zone's IANA name ("Europe/Kyiv"), or null while unknown.</summary>
    public string? ZoneId => IsKnown ? Zone.Id : null;

    /// <summary>Takes the zone the browser named; ignores a blank or unknown name, keeping what was there.</summary>
    public void Use(string? zoneId)
    {
        if (string.IsNullOrWhiteSpace(zoneId) || zoneId.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            return;
        }
        Zone = zone;
        IsKnown = true;
    }

    /// <summary>"3 Dec 2026, 05:05 UTC+1": the date and time in the reader's zone, with the zone's offset then.</summary>
    public string Format(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Zone);
        return $"{local.ToString("d MMM yyyy, HH:mm", Invariant)} {OffsetLabel(local.Offset)}";
    }

    /// <summary>"3 Dec 2026, 04:05 UTC", for the tooltip and for machines.</summary>
    public static string FormatUtc(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm 'UTC'", Invariant);

    /// <summary>A <c>&lt;time&gt;</c> element: the reader's local time, UTC on hover, the instant in <c>datetime</c>.</summary>
    public RenderFragment Render(DateTimeOffset at, string? testId = null) => builder => Render(builder, at, testId);

    private void Render(RenderTreeBuilder builder, DateTimeOffset at, string? testId)
    {
        builder.OpenElement(0, "time");
        builder.AddAttribute(1, "datetime", at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant));
        builder.AddAttribute(2, "title", FormatUtc(at));
        builder.AddAttribute(3, "data-testid", testId);
        builder.AddContent(4, Format(at));
        builder.CloseElement();
    }

    private static string OffsetLabel(TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            return "UTC";
        }
        var sign = offset < TimeSpan.Zero ? "−" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? $"UTC{sign}{abs.Hours}"
            : $"UTC{sign}{abs.Hours}:{abs.Minutes:00}";
    }

    /// <summary>
    /// Reads the zone when a circuit opens, from the cookie on the connection's request: on a reader's first visit the
    /// page request had no cookie yet, but js/page.js sets it before the circuit connects.
    /// </summary>
    internal sealed class FromConnection(ReaderClock clock, IHttpContextAccessor http) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            clock.Use(http.HttpContext?.Request.Cookies[CookieName]);
            return Task.CompletedTask;
        }
    }
}
