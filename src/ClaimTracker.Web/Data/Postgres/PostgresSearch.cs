using System.Text;
using ClaimTracker.Web.Features.Claims;

namespace ClaimTracker.Web.Data.Postgres;

/// <summary>
/// The search box's terms as a PostgreSQL <c>tsquery</c>, with the semantics of the FTS5 query
/// (<see cref="SearchTerms.ToFtsQuery"/>) that the same tests hold both to: every term must match; a single word matches
/// any word it begins (<c>'negotiat':*</c>), a quoted phrase matches its words in that order (<c>'peace' &lt;-&gt; 'talks'</c>).
/// <para>
/// A term is cut into words where FTS5's unicode61 tokenizer cuts it, at anything but a letter or digit, and each word is
/// written as a quoted lexeme, so nothing typed can be read as tsquery syntax. <c>to_tsquery</c> with the index's own
/// configuration (<c>claimtracker_search</c>: PostgreSQL's simple dictionary after unaccent) then folds case and
/// diacritics exactly as the index did.
/// </para>
/// </summary>
public static class PostgresSearch
{
    /// <summary>The tsquery text for <c>to_tsquery('claimtracker_search', …)</c>; null when some term has no letter or digit.</summary>
    public static string? ToTsQuery(SearchTerms terms)
    {
        var parts = new List<string>();
        foreach (var term in terms.Terms)
        {
            var words = Words(term);
            if (words.Count == 0)
            {
                return null;
            }
            // A single word (what FTS5 gets as "word"*) matches as a prefix; a quoted phrase matches exactly. A word the
            // tokenizer cuts in two ("U.S", "covid-19") is a phrase whose last part is a prefix, as in FTS5.
            var isPhrase = term.Any(char.IsWhiteSpace);
            var phrase = string.Join(" <-> ", words.Select(Lexeme)) + (isPhrase ? "" : ":*");
            parts.Add("(" + phrase + ")");
        }
        return parts.Count == 0 ? null : string.Join(" & ", parts);
    }

    /// <summary>A tsquery matching any of the words (the words of letters and digits in each), for ranking by likeness.</summary>
    public static string AnyOf(IEnumerable<string> words)
    {
        var lexemes = words.SelectMany(Words).Distinct(StringComparer.Ordinal).Select(Lexeme).ToList();
        // A query that matches nothing rather than none at all, which to_tsquery would refuse.
        return lexemes.Count == 0 ? "''" : string.Join(" | ", lexemes);
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    // Letters and digits only, so the quotes need no escaping; quoted, so a word such as "and" or "or" is a word.
    private static string Lexeme(string word) => "'" + word + "'";
}
