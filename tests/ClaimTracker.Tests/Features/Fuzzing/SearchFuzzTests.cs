using System.Collections.Concurrent;
using System.Net;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using CsCheck;
using Xunit.Abstractions;
using static ClaimTracker.Tests.Features.Fuzzing.ImportSearchApiStrings;

namespace ClaimTracker.Tests.Features.Fuzzing;

/// <summary>
/// Random and hostile search text and filters into the claims search: the service (as the claims page and the
/// claim pickers call it) and the claims page over HTTP with the same values in its address. A search is either
/// answered or refused with a short message; the full-text engine and SQL never see the input as syntax.
/// </summary>
[BothEngines]
public sealed class SearchFuzzTests(ClaimTrackerFactory app, ITestOutputHelper output) : IClassFixture<ClaimTrackerFactory>
{
    private const int ServiceCases = 150;
    private const int PageCases = 40;
    private const int MaxAddressValue = 1_000;

    private static readonly Gen<ClaimSearchQuery> Queries = Gen.Select(
        Any, Gen.Int.Select(i => i % 7 == 0 ? (int?)null : i), Gen.Int[-1, 9].Select(i => i < 0 ? (Stance?)null : (Stance)i),
        Gen.Frequency((3, (IGen<string?>)Gen.Const((string?)null)), (1, Any.Select(a => (string?)a.Text))),
        Gen.Int[-1, 5].Select(i => i < 0 ? (ClaimStatus?)null : (ClaimStatus)i), Gen.Int[-1, 5].Select(i => (ClaimSort)i),
        Gen.OneOf(Gen.Int[-2, 3], Gen.Int), Gen.OneOf(Gen.Int[-2, 120], Gen.Int),
        (search, actor, stance, topic, status, sort, page, size) => new ClaimSearchQuery(search.Text, actor, stance, topic, status, sort, page, size));

    [Fact]
    public async Task Hostile_searches_are_answered_or_refused_with_a_message_never_thrown()
    {
        var claims = app.GetService<ClaimService>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var run = 0;
        var clock = StartClock();

        await Queries.SampleAsync(async query =>
        {
            Interlocked.Increment(ref run);
            var result = await claims.SearchAsync(query);
            if (result.SearchError is not null)
            {
                Assert.Empty(result.Items);
                Assert.InRange(result.SearchError.Length, 10, 200);
            }
            else
            {
                Assert.InRange(result.Items.Count, 0, ClaimService.MaxPageSize);
                Assert.True(result.TotalCount >= result.Items.Count);
            }
            // The claim pickers (relations, merges) search what an editor types.
            await claims.SuggestAsync(query.Search);
            outcomes.AddOrUpdate(result.SearchError is null ? "answered" : "refused with a message", 1, (_, n) => n + 1);
        }, iter: ServiceCases, threads: 1, print: q => $"{Describe(Kind.Mixed, q.Search ?? "")} {q with { Search = null }}");

        Report("search service", run, ServiceCases, outcomes, clock);
        Assert.True(outcomes.ContainsKey("answered") && outcomes.ContainsKey("refused with a message"), string.Join(", ", outcomes.Keys));
    }

    [Fact]
    public async Task The_claims_page_serves_any_address_with_its_search_shown_inert()
    {
        var client = app.CreateClient();
        var outcomes = new ConcurrentDictionary<string, int>();
        var run = 0;
        var clock = StartClock();
        // Kestrel answers 414 to a request line over 8 KB before the app sees it, so each value here stays under that.
        var value = Any.Select(a => (a.Kind, Text: a.Text.Length > MaxAddressValue ? a.Text[..MaxAddressValue] : a.Text));
        var gen = Gen.Select(value, value, value, value, value, value);

        await gen.SampleAsync(async values =>
        {
            Interlocked.Increment(ref run);
            var (q, actor, stance, topic, status, sort) = values;
            var url = $"/claims?q={PercentEncode(q.Text)}&actor={PercentEncode(actor.Text)}&stance={PercentEncode(stance.Text)}" +
                $"&topic={PercentEncode(topic.Text)}&status={PercentEncode(status.Text)}&sort={PercentEncode(sort.Text)}";
            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(Marker, html, StringComparison.Ordinal);
            outcomes.AddOrUpdate(q.Kind.ToString(), 1, (_, n) => n + 1);
        }, iter: PageCases, threads: 1, print: v => Describe(v.Item1.Kind, v.Item1.Text));

        Report("claims page", run, PageCases, outcomes, clock);
    }

    private void Report(string what, int run, int drawn, ConcurrentDictionary<string, int> outcomes, (System.Diagnostics.Stopwatch, TimeSpan) clock)
    {
        output.WriteLine($"{run} {what} cases run {Elapsed(clock)} ({drawn} drawn; more when CsCheck shrinks a failure): " +
            string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(run >= drawn);
    }
}
