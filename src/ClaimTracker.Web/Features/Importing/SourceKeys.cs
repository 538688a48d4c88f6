using System.Globalization;
using System.Text;

namespace ClaimTracker.Web.Features.Importing;

/// <summary>
/// Readable, stable keys for imported sources: <c>2026-01-15-reuters-trump-blames-zelensky-not-putin</c>.
/// The key is what scripts and seeds refer to, so it is made once, on import, and never changes with the title.
/// </summary>
public static class SourceKeys
{
    /// <summary>The column is 100 characters; leave room for a "-2" should the same key exist.</summary>
    public const int MaxLength = 90;

    private const int MaxTitleWords = 8;

    public static string For(DateOnly publishedOn, string outlet, string title)
    {
        var date = publishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var outletSlug = Truncate(Slug(outlet), 30);
        var titleWords = Slug(title).Split('-', StringSplitOptions.RemoveEmptyEntries).Take(MaxTitleWords);
        var key = string.Join('-', new[] { date, outletSlug, string.Join('-', titleWords) }.Where(p => p.Length > 0));
        return Truncate(key, MaxLength);
    }

    /// <summary>The first of <paramref name="key"/>, <c>key-2</c>, <c>key-3</c>… that is not taken.</summary>
    public static string Unique(string key, IReadOnlyCollection<string> taken)
    {
        if (!taken.Contains(key))
        {
            return key;
        }
        for (var n = 2; ; n++)
        {
            var candidate = $"{key}-{n}";
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Lower-case ASCII letters and digits joined by single hyphens; accents dropped ("Süddeutsche" → "suddeutsche").</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }
                pendingHyphen = false;
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is not ('\'' or '’'))
            {
                // An apostrophe joins ("Trump's" → "trumps"); anything else separates words.
                pendingHyphen = true;
            }
        }
        return builder.ToString();
    }

    private static string Truncate(string slug, int max)
    {
        if (slug.Length <= max)
        {
            return slug;
        }
        var cut = slug[..max];
        var lastHyphen = cut.LastIndexOf('-');
        return (lastHyphen > max / 2 ? cut[..lastHyphen] : cut).TrimEnd('-');
    }
}
