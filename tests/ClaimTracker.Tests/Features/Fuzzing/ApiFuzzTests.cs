using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Api;
using CsCheck;
using Xunit.Abstractions;
using static ClaimTracker.Tests.Features.Fuzzing.ImportSearchApiStrings;

namespace ClaimTracker.Tests.Features.Fuzzing;

/// <summary>
/// Random and hostile values in every parameter of the read API over HTTP: ids in each route, <c>limit</c> and the
/// <c>after</c> cursor, unknown query parameters and unknown paths. Each answer is JSON (200) or problem details
/// (400 for a malformed value, 404 for an unknown id or path), never a server error.
/// </summary>
[BothEngines]
public sealed class ApiFuzzTests(ClaimTrackerFactory app, ITestOutputHelper output) : IClassFixture<ClaimTrackerFactory>
{
    private const int Cases = 250;

    /// <summary>Hostile strings, and the near misses a client might send for a number or a cursor.</summary>
    private static readonly Gen<(Kind Kind, string Text)> Value = Gen.Frequency(
        (3, Any),
        (1, Gen.OneOf("1", "2", "0", "-1", "+1", " 1", "1 ", "01", "1.0", "1e3", "0x1", "١", "2147483647", "2147483648", "-2147483649",
            "99999999999999999999", "", "null", "true", "[1]", "{}", ClaimCursor.Encode(1), ClaimCursor.Encode(int.MaxValue), ClaimCursor.Encode(3) + "=",
            "Y2xhaW06LTE", "Y2xhaW06", "claim:1").Select(v => (Kind.Words, v))));

    private static readonly string[] Routes =
    [
        "/api/claims?limit={0}",
        "/api/claims?after={0}",
        "/api/claims?limit={0}&after={0}",
        "/api/claims?limit=2&after={0}",
        "/api/claims/{0}",
        "/api/claims/{0}/claimreview",
        "/api/sources/{0}",
        "/api/sources/{0}/annotations",
        "/api/actors?{0}={0}",
        "/api/claims?{0}=1",
        "/api/{0}",
        "/api/claims/{0}/{0}",
    ];

    /// <summary>
    /// Values are cut to a thousand characters: Kestrel answers 414 to a request line over 8 KB before the app sees it
    /// (the test server has no such limit, and parses a megabyte address slowly). Longer values are tried directly in
    /// ReadApiTests.
    /// </summary>
    private const int MaxAddressValue = 1_000;

    private static readonly Gen<(string Route, Kind Kind, string Value)> Requests =
        Gen.Select(Gen.Int[0, Routes.Length - 1], Value,
            (route, value) => (Routes[route], value.Kind, value.Text.Length > MaxAddressValue ? value.Text[..MaxAddressValue] : value.Text));

    [Fact]
    public async Task Hostile_parameters_get_JSON_or_problem_details_never_a_server_error()
    {
        var client = app.CreateClient();
        var statuses = new ConcurrentDictionary<string, int>();
        var run = 0;
        var clock = StartClock();

        await Requests.SampleAsync(async request =>
        {
            Interlocked.Increment(ref run);
            var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, request.Route, PercentEncode(request.Value));
            HttpResponseMessage response;
            try
            {
                response = await client.GetAsync(url);
            }
            catch (InvalidOperationException) when (request.Route.Contains("/{0}", StringComparison.Ordinal) && request.Value.Contains('\0'))
            {
                // A NUL in a path is refused while the request line is decoded, before any app code runs (Kestrel
                // answers 400; the test server throws from the same decoder).
                statuses.AddOrUpdate("NUL in a path → refused by the server (400)", 1, (_, n) => n + 1);
                return;
            }
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate($"{request.Route.Replace("{0}", "…", StringComparison.Ordinal)} → {status}", 1, (_, n) => n + 1);

            Assert.True(status is 200 or 400 or 404, $"GET {Shorten(url)} answered {status}: {Shorten(body)}");
            using var json = JsonDocument.Parse(body);
            if (status == 200)
            {
                Assert.Contains("json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(status, json.RootElement.GetProperty("status").GetInt32());
                var detail = json.RootElement.GetProperty("detail").GetString();
                Assert.InRange(detail?.Length ?? 0, 10, 300);
            }
        }, iter: Cases, threads: 1, print: r => $"{r.Route} with {Describe(r.Kind, r.Value)}");

        output.WriteLine($"{run} API cases run {Elapsed(clock)} ({Cases} drawn; more when CsCheck shrinks a failure). Answers by route:");
        foreach (var (key, count) in statuses.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {key}: {count}");
        }
        Assert.True(run >= Cases);
        Assert.Contains(statuses.Keys, k => k.EndsWith("200", StringComparison.Ordinal));
        Assert.Contains(statuses.Keys, k => k.EndsWith("400", StringComparison.Ordinal));
        Assert.Contains(statuses.Keys, k => k.EndsWith("404", StringComparison.Ordinal));
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
