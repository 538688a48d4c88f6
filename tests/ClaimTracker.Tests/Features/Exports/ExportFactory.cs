using System.Net;
using System.Text;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Exports;
using CsvHelper;
using Microsoft.AspNetCore.Hosting;

namespace ClaimTracker.Tests.Features.Exports;

/// <summary>
/// The seeded app with exports read in batches of <see cref="BatchSize"/> (so every export spans several batches and
/// ends on a partial or an exact one), plus records whose words start like spreadsheet formulas.
/// </summary>
public sealed class ExportFactory : ClaimTrackerFactory
{
    public const int BatchSize = 3;

    public const string FormulaActor = "=HYPERLINK(\"http://example.invalid\",\"click\")";
    public const string FormulaClaim = "+1 is what the ministry said the growth would be";
    public const string FormulaQuote = "-2 percent, not more";
    public const string FormulaSaidWhere = "@SUM(A1:A9) briefing";
    public const string FormulaTopic = "-formula topic";

    public int FormulaActorId { get; private set; }
    public int FormulaClaimId { get; private set; }
    public int FormulaSourceId { get; private set; }
    public int FormulaStatementId { get; private set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(ExportSettings.Setting, BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = CreateDbContext();
        var text = $"The minister said growth would be {FormulaQuote} this year, at a briefing.";
        var source = new Source("formula-source", "=Outlet", "\tGrowth figures", new DateOnly(2026, 3, 4), null, text);
        var actor = new Actor { Key = "formula-actor", Name = FormulaActor, Kind = ActorKind.Person, Role = "-minister" };
        var claim = new Claim { Key = "formula-claim", Text = FormulaClaim, Topics = [FormulaTopic] };
        db.AddRange(source, actor, claim);
        await db.SaveChangesAsync();
        var start = text.IndexOf(FormulaQuote, StringComparison.Ordinal);
        var statement = new Attribution
        {
            Key = "formula-statement",
            ActorId = actor.Id,
            ClaimId = claim.Id,
            SourceId = source.Id,
            Stance = Stance.Asserts,
            Mode = AttributionMode.DirectQuote,
            Anchor = TextAnchor.FromText(text, start, start + FormulaQuote.Length),
            SaidWhere = FormulaSaidWhere,
        };
        db.Attributions.Add(statement);
        await db.SaveChangesAsync();
        (FormulaActorId, FormulaClaimId, FormulaSourceId, FormulaStatementId) = (actor.Id, claim.Id, source.Id, statement.Id);
    }
}

/// <summary>A CSV as a spreadsheet would read it: the header, then each row by column name.</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    public IReadOnlyList<int> Ids(string column = "id") => Rows.Select(r => int.Parse(r[column], System.Globalization.CultureInfo.InvariantCulture)).ToList();
}

public static class CsvDownloads
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Downloads an export, checks what every export promises (200, CSV, attachment, UTF-8 with BOM), and parses it back with CsvHelper.</summary>
    public static async Task<CsvTable> GetCsvAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} returned {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        Assert.Matches(@"^claimtracker-[a-z]+-\d{4}-\d{2}-\d{2}\.csv$", disposition!.FileName!.Trim('"'));
        Assert.True(bytes.AsSpan().StartsWith(Bom), "the CSV does not start with a UTF-8 byte-order mark");
        return Parse(bytes);
    }

    public static CsvTable Parse(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, CsvReaderOptions.Default with { Separator = ',' });
        var rows = new List<IReadOnlyDictionary<string, string>>();
        var header = reader.Headers.ToList();
        while (reader.Read())
        {
            Assert.Equal(header.Count, reader.FieldCount);
            rows.Add(header.Select((name, i) => (name, value: reader.GetString(i) ?? "")).ToDictionary(p => p.name, p => p.value));
        }
        return new CsvTable(header, rows);
    }

    /// <summary>What a text cell holds for a value: the value, behind an apostrophe when it starts like a formula.</summary>
    public static string Cell(string? value) =>
        string.IsNullOrEmpty(value) ? "" : "=+-@\t\r".Contains(value[0]) ? "'" + value : value;
}
