using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Importing;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static ClaimTracker.Tests.Features.Fuzzing.ImportSearchApiStrings;

namespace ClaimTracker.Tests.Features.Fuzzing;

/// <summary>
/// Random and hostile input into every field of an import (outlet, title, date, link, and the text pasted or
/// uploaded as .txt, .md, .html or raw bytes), through the real service and suggestion engine. Nothing may escape
/// as an exception: each import is either refused with a message beside a field, or stored, and then served inert
/// by the API and the reader page.
/// </summary>
[BothEngines]
public sealed class ImportFuzzTests(ClaimTrackerFactory app, ITestOutputHelper output) : IClassFixture<ClaimTrackerFactory>
{
    private const int Cases = 80;

    private enum Channel { Paste, Txt, Markdown, Html, Htm, RawBytes }

    private sealed record Case(Kind Kind, Channel Channel, Target Target, SourceImportRequest Request)
    {
        public override string ToString() =>
            $"hostile {Target} ({Kind}), {Channel}; text {Describe(Kind, Request.PastedText ?? Encoding.UTF8.GetString(Request.File?.Content ?? []))}; " +
            $"outlet {Describe(Kind, Request.Outlet ?? "")}; title {Describe(Kind, Request.Title ?? "")}; " +
            $"date {Describe(Kind, Request.PublishedOn ?? "")}; url {Describe(Kind, Request.Url ?? "")}";
    }

    /// <summary>Which field gets the hostile value; the others are valid, so that hostile text also gets as far as being stored.</summary>
    private enum Target { Text, Outlet, Title, Date, Url, Everything }

    private static readonly Gen<Case> Cases_ = Gen.Select(
        Any, Any, Gen.Enum<Channel>(), Gen.Enum<Target>(), Gen.Byte.Array[0, 300], Gen.Int[0, 3],
        (text, hostile, channel, target, bytes, blank) =>
        {
            string? Field(Target field, string valid) =>
                target != field && target != Target.Everything ? valid
                : blank == 0 ? (hostile.Text.Length % 2 == 0 ? null : "  ")
                : hostile.Text;
            var request = new SourceImportRequest(Field(Target.Outlet, "Example Wire"), Field(Target.Title, "Talks stall"),
                Field(Target.Date, "2026-01-15"), Field(Target.Url, "https://example.com/a"));
            request = channel switch
            {
                Channel.Paste => request with { PastedText = text.Text },
                Channel.Txt => request with { File = new UploadedFile("story.txt", Encoding.UTF8.GetBytes(text.Text)) },
                Channel.Markdown => request with { File = new UploadedFile("story.md", Encoding.UTF8.GetBytes(text.Text)) },
                Channel.Html => request with { File = new UploadedFile("story.html", Encoding.UTF8.GetBytes(text.Text)) },
                Channel.Htm => request with { File = new UploadedFile(text.Text.Length < 100 ? text.Text + ".htm" : "page.htm", Encoding.UTF8.GetBytes(text.Text)) },
                _ => request with { File = new UploadedFile("bytes" + SourceText.Extensions[bytes.Length % 4], bytes) },
            };
            return new Case(target == Target.Text ? text.Kind : hostile.Kind, channel, target, request);
        });

    [Fact]
    public async Task Hostile_imports_are_refused_with_a_message_or_stored_and_served_inert()
    {
        var client = app.CreateClient();
        var outcomes = new ConcurrentDictionary<string, int>();
        var run = 0;
        var clock = StartClock();

        await Cases_.SampleAsync(async @case =>
        {
            Interlocked.Increment(ref run);
            EditResult<ImportReport> result;
            await using (var scope = app.Services.ScopeAs(Roles.Editor))
            {
                var importer = scope.As<SourceImportService>();
                result = await importer.ImportAsync(@case.Request);
            }
            outcomes.AddOrUpdate($"{@case.Target} {@case.Kind} → {result.Outcome}", 1, (_, n) => n + 1);


            switch (result.Outcome)
            {
                case EditOutcome.Invalid:
                    Assert.NotEmpty(result.FieldErrors);
                    // A message is for a person: short, whatever was sent.
                    Assert.All(result.FieldErrors.Values, m => Assert.InRange(m.Length, 10, 400));
                    break;
                case EditOutcome.Conflict:
                    Assert.NotNull(result.Value!.Duplicate);
                    break;
                default:
                    await AssertStoredAndServedInertAsync(client, result.Value!.Source!.Id);
                    break;
            }
        }, iter: Cases, threads: 1, print: c => c.ToString());

        output.WriteLine($"{run} import cases run {Elapsed(clock)} ({Cases} drawn; more when CsCheck shrinks a failure). Outcomes by hostile field and kind:");
        foreach (var (key, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {key}: {count}");
        }
        Assert.True(run >= Cases);
        Assert.Contains(outcomes.Keys, k => k.EndsWith(EditOutcome.Saved.ToString(), StringComparison.Ordinal));
        Assert.Contains(outcomes.Keys, k => k.EndsWith(EditOutcome.Invalid.ToString(), StringComparison.Ordinal));
    }

    private async Task AssertStoredAndServedInertAsync(HttpClient client, int id)
    {
        await using var db = app.CreateDbContext();
        var source = await db.Sources.AsNoTracking().SingleAsync(s => s.Id == id);
        foreach (var field in new[] { source.Outlet, source.Title, source.Url ?? "" })
        {
            Assert.DoesNotContain(field, c => char.IsControl(c));
            AssertWholeCharacters(field);
        }
        Assert.DoesNotContain('\0', source.Text);
        AssertWholeCharacters(source.Text);

        var api = await client.GetAsync($"/api/sources/{id}");
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using (var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync()))
        {
            Assert.Equal(source.Text, json.RootElement.GetProperty("text").GetString());
            Assert.Equal(source.Title, json.RootElement.GetProperty("title").GetString());
        }

        var page = await client.GetAsync($"/sources/{id}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(Marker, html, StringComparison.Ordinal);
    }

    /// <summary>No half characters: what was stored is what anchors and hashes were computed on.</summary>
    private static void AssertWholeCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            Assert.False(char.IsSurrogate(text[i]), $"half a character at {i}");
        }
    }
}
