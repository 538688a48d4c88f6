namespace ClaimTracker.Web.Features.Claims;

/// <summary>
/// Parses the search box: words and "quoted phrases", all of which must match. Anything it cannot read
/// comes back as a message for the user, never as an exception. Terms exist only as <see cref="Parse"/> makes
/// them, so a search never holds more than <see cref="MaxTerms"/> terms of at most <see cref="MaxLength"/>
/// characters in all, whoever builds the query.
/// </summary>
public sealed record SearchTerms
{
    /// <summary>Characters in the search box: a long sentence, or a few quoted phrases.</summary>
    public const int MaxLength = 200;

    /// <summary>Words and phrases that must all match; each is a prefix query on the full-text index.</summary>
    public const int MaxTerms = 8;

    public static readonly SearchTerms Empty = new([], null);

    private SearchTerms(IReadOnlyList<string> terms, string? error)
    {
        Terms = terms;
        Error = error;
    }

    public IReadOnlyList<string> Terms { get; }

    /// <summary>Why the input cannot be searched for, in words for the person who typed it; null when it can.</summary>
    public string? Error { get; }

    public static SearchTerms Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return Empty;
        }
        if (input.Length > MaxLength)
        {
            return new([], $"The search is too long: keep it to {MaxLength} characters (it has {input.Length}).");
        }
        // Control characters separate words as white space does: nobody means to search for one, and a NUL would
        // end the query early for the full-text engine.
        input = string.Create(input.Length, input, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
        if (input.Count(c => c == '"') % 2 == 1)
        {
            return new([], "A quotation mark is not closed: put the phrase between two \" marks, or remove the stray one.");
        }

        var terms = new List<string>();
        var parts = input.Split('"');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                var phrase = parts[i].Trim();
                if (phrase.Length > 0)
                {
                    terms.Add(phrase);
                }
            }
            else
            {
                terms.AddRange(parts[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
        }
        if (terms.Count == 0)
        {
            return new([], "The quotes are empty: type a word or phrase between them.");
        }
        if (terms.Count > MaxTerms)
        {
            return new([], $"Too many search words: use at most {MaxTerms}.");
        }
        return new(terms, null);
    }

    /// <summary>
    /// The terms as an FTS5 query: every term must match; a single word matches any word it begins ("negotiat"
    /// finds "negotiations"), a quoted phrase matches those words in that order. Each term is quoted for FTS5,
    /// so nothing the user types can be read as FTS5 syntax. Null when some term has no letter or digit at all:
    /// such a term can match no word, so the search finds nothing.
    /// </summary>
    public string? ToFtsQuery()
    {
        if (Terms.Any(t => !t.Any(char.IsLetterOrDigit)))
        {
            return null;
        }
        return string.Join(' ', Terms.Select(t =>
        {
            var quoted = "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            return t.Any(char.IsWhiteSpace) ? quoted : quoted + "*";
        }));
    }
}
