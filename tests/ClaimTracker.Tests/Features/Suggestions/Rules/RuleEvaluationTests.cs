using System.Globalization;
using System.Text;
using ClaimTracker.Web.Features.Suggestions;
using ClaimTracker.Web.Features.Suggestions.Engine;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Features.Suggestions.Rules;

/// <summary>
/// Precision and recall of each rule on each test article, with the matching of <see cref="SuggestionScore"/>. A rule
/// is credited with the suggestions it made: its precision is the share of them that match an expected attribution, its
/// recall the share of the expected attributions that one of them matches (so the rules' recalls overlap and do not add
/// up to the article's). The table is written to the test output:
/// <c>dotnet test tests/ClaimTracker.Tests --filter "FullyQualifiedName~RuleEvaluationTests" --logger "console;verbosity=detailed"</c>.
/// </summary>
public class RuleEvaluationTests(ITestOutputHelper output)
{
    private const string All = "(all rules)";

    [Fact]
    public void Precision_and_recall_per_rule_and_article()
    {
        var rows = new List<(string Article, string Rule, int Made, int Matched, int Found, int Expected)>();
        foreach (var article in EngineOutputPinTests.ArticleNames)
        {
            var (_, text, actors, claims, expected, outlet) = EngineOutputPinTests.Load(article);
            var credited = new SuggestionAnalysis(text, actors, claims, outlet).RunCredited();

            // The credited run is the product's run: the same suggestions, in the same order.
            Assert.Equal(new RuleBasedAttributionSuggester().Suggest(text, actors, claims, outlet), credited.Select(c => c.Suggestion));

            foreach (var group in credited.GroupBy(c => c.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                rows.Add(Row(article, group.Key, group.Select(c => c.Suggestion).ToList(), expected));
            }
            rows.Add(Row(article, All, credited.Select(c => c.Suggestion).ToList(), expected));
        }
        // Over every article, a rule's recall counts the expected attributions of every article, not only of those it found something in.
        var everyExpected = rows.Where(r => r.Rule == All).Sum(r => r.Expected);
        foreach (var rule in rows.Select(r => r.Rule).Distinct().Order(StringComparer.Ordinal).ToList())
        {
            var of = rows.Where(r => r.Rule == rule).ToList();
            rows.Add(("(every article)", rule, of.Sum(r => r.Made), of.Sum(r => r.Matched), of.Sum(r => r.Found), everyExpected));
        }

        output.WriteLine(Table(rows));

        Assert.DoesNotContain(rows, r => r.Rule is "" or "statements" or "nested saying");
        Assert.All(rows.Where(r => r.Rule == All && r.Article != "(every article)"), r => Assert.True(r.Found > 0, $"{r.Article}: nothing found"));
    }

    private static (string, string, int, int, int, int) Row(string article, string rule, List<SuggestedAttribution> made, List<ExpectedAttribution> expected)
    {
        var score = new SuggestionScore { Expected = expected, Suggested = made };
        return (article, rule, made.Count, made.Count - score.FalsePositives.Count, score.Found.Count, expected.Count);
    }

    private static string Table(List<(string Article, string Rule, int Made, int Matched, int Found, int Expected)> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"article",-18} {"rule",-15} {"made",5} {"precision",17} {"recall",17}");
        foreach (var r in rows)
        {
            var precision = r.Made == 0 ? "-" : $"{(double)r.Matched / r.Made:0.000} ({r.Matched}/{r.Made})";
            var recall = r.Expected == 0 ? "-" : $"{(double)r.Found / r.Expected:0.000} ({r.Found}/{r.Expected})";
            sb.AppendLine(CultureInfo.InvariantCulture, $"{r.Article,-18} {r.Rule,-15} {r.Made,5} {precision,17} {recall,17}");
        }
        return sb.ToString();
    }
}
