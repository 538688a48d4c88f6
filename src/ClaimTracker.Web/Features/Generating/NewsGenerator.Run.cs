using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bogus;
using ClaimTracker.Web.Domain;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Web.Features.Generating;

public static partial class NewsGenerator
{
    /// <summary>One generation run: the state shared by its phases, in the order they must run.</summary>
    private sealed partial class Run(SqliteConnection connection, SqliteTransaction transaction, NewsShape shape, int seed, TextWriter progress, CancellationToken ct)
    {
        private readonly Faker f = new("en") { Random = new Randomizer(seed) };
        private readonly TextWriter log = progress;
        private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
        private readonly DateTime publishedFrom = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        private readonly DateTime publishedTo = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        private readonly Stopwatch clock = Stopwatch.StartNew();

        private int firstActorId, firstSourceId, firstClaimId, firstAttributionId;
        private string[] actorNames = [];
        private int[] outletActorIds = [];
        private int[] actorByRank = [];
        private int[] claimByRank = [];
        private string[] claimTexts = [];
        private int[]?[] claimSubjects = [];
        /// <summary>One statement of each claim (0 for none), which a verdict cites as its evidence.</summary>
        private int[] statementOfClaim = [];
        /// <summary>Passages of sources kept for relations' evidence and notes on a span.</summary>
        private readonly List<(int SourceId, TextAnchor Anchor)> passages = [];
        private readonly (string Id, string Name)[] staff = new (string, string)[24];
        private int notes, verdicts, history, subjects;

        public GeneratedCounts Execute()
        {
            log.WriteLine($"Generating {shape} (seed {seed})");
            for (var i = 0; i < staff.Length; i++)
            {
                staff[i] = ($"generated-staff-{i + 1}", f.Name.FullName());
            }
            firstActorId = NextId("Actors");
            firstSourceId = NextId("Sources");
            firstClaimId = NextId("Claims");
            firstAttributionId = NextId("Attributions");

            Actors();
            PlanClaims();
            SourcesAndStatements();
            Claims();
            Subjects();
            var relations = Relations();
            Notes();
            Verdicts();
            VerifyAnchors();
            return new GeneratedCounts(shape.Actors, shape.Sources, shape.Claims, shape.Attributions, subjects, relations, notes, verdicts, history);
        }

        private int NextId(string table)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                SELECT MAX(COALESCE((SELECT MAX(Id) FROM "{table}"), 0), COALESCE((SELECT seq FROM sqlite_sequence WHERE name = $table), 0)) + 1
                """;
            command.Parameters.AddWithValue("$table", table);
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        /// <summary>The concurrency token, as EF Core stores a Guid on SQLite (upper-case text), drawn from the seeded randomizer.</summary>
        private string NewVersion() => new Guid(f.Random.Bytes(16)).ToString().ToUpperInvariant();

        /// <summary>Counts a phase's rows and prints its rate every few seconds and at the end.</summary>
        private sealed class Phase(Run run, string name, int expected)
        {
            private readonly long started = Stopwatch.GetTimestamp();
            private long lastReport = Stopwatch.GetTimestamp();
            private int rows;

            public void Done(int count)
            {
                rows += count;
                if (Stopwatch.GetElapsedTime(lastReport) >= ProgressEvery)
                {
                    lastReport = Stopwatch.GetTimestamp();
                    var of = expected > 0 ? $" of {expected:N0}" : "";
                    run.log.WriteLine($"  {name}: {rows:N0}{of} ({Rate()})");
                }
            }

            public void End() =>
                run.log.WriteLine($"  {name}: {rows:N0} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s ({Rate()}; {run.clock.Elapsed.TotalSeconds:F1} s in all)");

            private string Rate()
            {
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                return seconds > 0 ? $"{rows / seconds:N0} rows/s" : "-";
            }
        }
    }
}
