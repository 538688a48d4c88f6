using System.Security.Cryptography;
using System.Text;

namespace ClaimTracker.Web.Domain;

/// <summary>
/// A published text. The text is immutable once stored: every anchor points into it, so a corrected
/// text is a new source revision, never an edit. <see cref="ContentHash"/> proves which text an anchor means.
/// </summary>
public class Source
{
    private Source() { }

    public Source(string key, string outlet, string title, DateOnly publishedOn, string? url, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A source needs its text.", nameof(text));
        }
        Key = key;
        Outlet = outlet;
        Title = title;
        PublishedOn = publishedOn;
        Url = url;
        Text = text;
        ContentHash = HashOf(text);
    }

    public int Id { get; private set; }
    public string Key { get; private set; } = "";
    public string Outlet { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateOnly PublishedOn { get; private set; }
    public string? Url { get; private set; }
    public string Text { get; private set; } = "";

    /// <summary>SHA-256 of the UTF-8 text, lowercase hex.</summary>
    public string ContentHash { get; private set; } = "";

    public List<Attribution> Attributions { get; private set; } = [];

    public static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
