namespace ClaimTracker.Web.Features.Sources;

/// <summary>
/// Checks offsets taken from a selection in the browser against the source text as stored now. A page keeps the text
/// it loaded; if another editor corrected the source meanwhile, the same offsets point at other words. Sending the
/// selected words along with the offsets lets the server refuse such a span instead of anchoring to the wrong words.
/// </summary>
public static class SelectedWords
{
    public const string ChangedMessage =
        "The text at your selection has changed since your page loaded it (the source may have been corrected). Reload the page and select the words again.";

    /// <summary>For a service that requires the words: offsets alone could be anything a crafted client sends.</summary>
    public const string MissingMessage =
        "The selected words did not come with the offsets, so they cannot be checked against the text. Select the passage again.";

    /// <summary>For a selection longer than <see cref="Common.InputLimits.SpanLength"/>, which the page refuses before sending it.</summary>
    public static string TooLongMessage(int start, int end) =>
        $"The selected passage is {end - start:N0} characters long; select at most {Common.InputLimits.SpanLength:N0}.";

    /// <summary>
    /// True when <paramref name="selected"/> was given and the current <paramref name="text"/> holds other words at
    /// <paramref name="start"/>..<paramref name="end"/> (which must be inside the text).
    /// </summary>
    public static bool Changed(string text, int start, int end, string? selected) =>
        selected is not null && !text.AsSpan(start, end - start).SequenceEqual(selected);
}
