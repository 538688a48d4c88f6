using System.Diagnostics;
using Bogus;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Benchmarks;

/// <summary>How big the generated database is, and how unevenly activity is spread.</summary>
/// <param name="ActorSkew">Share of attributions whose actor is drawn from a Zipf (s≈1) distribution rather than uniformly.</param>
/// <param name="ClaimSkew">The same for the claim of an attribution and the two ends of a relation.</param>
public sealed record DatasetShape(
    int Sources = 500,
    int Actors = 2_000,
    int Claims = 50_000,
    int Attributions = 200_000,
    int Relations = 30_000,
    double ActorSkew = 0.25,
    double ClaimSkew = 0.10)
{
    public static readonly DatasetShape Default = new();
}

/// <summary>
/// Builds a large ClaimTracker database with the app's own migrations and entity types, so the schema, indexes and
/// column conversions (enums as names, topics as JSON, anchors as owned columns) are exactly what the app runs on.
/// The Bogus randomizer has a fixed seed: the same shape gives the same database, row for row.
/// </summary>
public static class DataGenerator
{
    public const int Seed = 20_261_126;
    private const int BatchSize = 5_000;

    public static async Task GenerateAsync(string path, DatasetShape shape, TextWriter log, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var f = new Faker("en") { Random = new Randomizer(Seed) };

        // One connection for the whole load: the pragmas below hold per connection, and a throwaway file needs no fsync.
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(ct);
        var options = new DbContextOptionsBuilder<ClaimTrackerDbContext>().UseSqlite(connection).Options;
        await using (var db = new ClaimTrackerDbContext(options))
        {
            await db.Database.MigrateAsync(ct);
        }
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        // Actors.
        var actors = new List<Actor>(shape.Actors);
        for (var i = 0; i < shape.Actors; i++)
        {
            actors.Add(NewActor(f, i));
        }
        await InsertAsync(options, actors, ct);
        var actorIds = actors.Select(a => a.Id).ToArray();
        var outletActorIds = actors.Where(a => a.Kind == ActorKind.Outlet).Select(a => a.Id).ToArray();
        var speakerNames = actors.Select(a => a.Name).ToArray();
        log.WriteLine($"  {actors.Count:N0} actors ({clock.Elapsed.TotalSeconds:F1} s)");

        // Sources: a few KB of text each; anchors are cut from these texts below.
        var sources = new List<Source>(shape.Sources);
        var publishedFrom = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var publishedTo = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < shape.Sources; i++)
        {
            var outlet = f.PickRandom(NewsVocabulary.Outlets);
            var published = DateOnly.FromDateTime(f.Date.Between(publishedFrom, publishedTo));
            var speakers = f.Random.ListItems(speakerNames, 6);
            var text = NewsVocabulary.Article(f, speakers, f.Random.Int(2_500, 6_000));
            var title = NewsVocabulary.Claim(f);
            sources.Add(new Source($"bench-source-{i}", outlet, title, published, $"https://news.example/{published:yyyy/MM/dd}/{i}", text));
        }
        await InsertAsync(options, sources, ct);
        var sourceIds = sources.Select(s => s.Id).ToArray();
        var sourceTexts = sources.Select(s => s.Text).ToArray();
        log.WriteLine($"  {sources.Count:N0} sources, {sourceTexts.Sum(t => (long)t.Length) / 1024:N0} KiB of text ({clock.Elapsed.TotalSeconds:F1} s)");

        // Claims, with topics (a few topics are far more common than the rest).
        var claims = new List<Claim>(shape.Claims);
        var createdFrom = new DateTimeOffset(publishedFrom);
        for (var i = 0; i < shape.Claims; i++)
        {
            var topicCount = f.Random.WeightedRandom([1, 2, 3], [0.45f, 0.4f, 0.15f]);
            var topics = new HashSet<string>();
            while (topics.Count < topicCount)
            {
                topics.Add(NewsVocabulary.Topics[Zipf(f.Random, NewsVocabulary.Topics.Length)]);
            }
            claims.Add(new Claim
            {
                Key = $"bench-claim-{i}",
                Text = NewsVocabulary.Claim(f),
                Topics = [.. topics],
                Status = f.Random.WeightedRandom(
                    [ClaimStatus.New, ClaimStatus.InReview, ClaimStatus.VerdictDrafted, ClaimStatus.Published],
                    [0.7f, 0.2f, 0.07f, 0.03f]),
                CreatedAt = createdFrom.AddMinutes(f.Random.Int(0, 1_500_000)),
            });
        }
        await InsertAsync(options, claims, ct);
        var claimIds = claims.Select(c => c.Id).ToArray();
        log.WriteLine($"  {claims.Count:N0} claims ({clock.Elapsed.TotalSeconds:F1} s)");

        // Popularity is shuffled so that the busiest actor or claim is not simply the first one inserted.
        var actorRank = f.Random.Shuffle(actorIds).ToArray();
        var claimRank = f.Random.Shuffle(claimIds).ToArray();
        int PickActor() => actorRank[Popular(f.Random, actorRank.Length, shape.ActorSkew)];
        int PickClaim() => claimRank[Popular(f.Random, claimRank.Length, shape.ClaimSkew)];

        // Subjects: most claims are about zero to two actors.
        var subjects = new List<Dictionary<string, object>>();
        foreach (var claimId in claimIds)
        {
            var count = f.Random.WeightedRandom([0, 1, 2], [0.4f, 0.45f, 0.15f]);
            foreach (var actorId in Enumerable.Range(0, count).Select(_ => PickActor()).Distinct())
            {
                subjects.Add(new Dictionary<string, object> { ["SubjectOfId"] = claimId, ["SubjectsId"] = actorId });
            }
        }
        await InsertSubjectsAsync(options, subjects, ct);
        log.WriteLine($"  {subjects.Count:N0} claim subjects ({clock.Elapsed.TotalSeconds:F1} s)");

        // Attributions, each anchored to a real span of its source.
        var attributions = new List<Attribution>(BatchSize);
        for (var i = 0; i < shape.Attributions; i++)
        {
            var sourceIndex = f.Random.Int(0, sourceIds.Length - 1);
            var mode = f.Random.WeightedRandom(
                [AttributionMode.DirectQuote, AttributionMode.Paraphrase, AttributionMode.Reported, AttributionMode.Narration],
                [0.4f, 0.35f, 0.15f, 0.1f]);
            var reported = mode == AttributionMode.Reported;
            attributions.Add(new Attribution
            {
                Key = $"bench-attribution-{i}",
                ActorId = PickActor(),
                ClaimId = PickClaim(),
                SourceId = sourceIds[sourceIndex],
                Stance = f.Random.WeightedRandom(
                    [Stance.Asserts, Stance.Endorses, Stance.Denies, Stance.Questions, Stance.Doubts],
                    [0.55f, 0.1f, 0.15f, 0.12f, 0.08f]),
                Mode = mode,
                Anchor = RandomAnchor(f.Random, sourceTexts[sourceIndex]),
                SaidWhen = f.Random.Bool(0.5f) ? f.PickRandom(NewsVocabulary.SaidWhen) : null,
                SaidWhere = f.Random.Bool(0.3f) ? $"in an interview with {f.PickRandom(NewsVocabulary.Outlets)}" : null,
                ReportedVia = reported ? $"a {f.Date.Month()} {f.PickRandom(NewsVocabulary.Outlets)} report" : null,
                ReportedById = reported && outletActorIds.Length > 0 && f.Random.Bool() ? f.PickRandom(outletActorIds) : null,
            });
            if (attributions.Count == BatchSize)
            {
                await InsertAsync(options, attributions, ct);
                attributions.Clear();
            }
        }
        await InsertAsync(options, attributions, ct);
        log.WriteLine($"  {shape.Attributions:N0} attributions ({clock.Elapsed.TotalSeconds:F1} s)");

        // Relations: never a claim to itself, at most one of each type between two claims.
        var seen = new HashSet<(int, int, RelationType)>();
        var relations = new List<ClaimRelation>(BatchSize);
        var made = 0;
        while (made < shape.Relations)
        {
            var from = PickClaim();
            var to = PickClaim();
            var type = f.Random.WeightedRandom([RelationType.Contradicts, RelationType.Supports, RelationType.Qualifies], [0.45f, 0.35f, 0.2f]);
            if (from == to || !seen.Add((from, to, type)))
            {
                continue;
            }
            var evidenceIndex = f.Random.Bool(0.3f) ? f.Random.Int(0, sourceIds.Length - 1) : -1;
            relations.Add(new ClaimRelation
            {
                Key = $"bench-relation-{made}",
                FromClaimId = from,
                ToClaimId = to,
                Type = type,
                Rationale = f.Lorem.Sentence(f.Random.Int(8, 20)),
                EvidenceSourceId = evidenceIndex < 0 ? null : sourceIds[evidenceIndex],
                Evidence = evidenceIndex < 0 ? null : RandomAnchor(f.Random, sourceTexts[evidenceIndex]),
            });
            made++;
            if (relations.Count == BatchSize)
            {
                await InsertAsync(options, relations, ct);
                relations.Clear();
            }
        }
        await InsertAsync(options, relations, ct);
        log.WriteLine($"  {shape.Relations:N0} relations ({clock.Elapsed.TotalSeconds:F1} s)");

        await VerifyAnchorsAsync(options, ct);
    }

    /// <summary>Reads a sample of anchors back through EF and checks them against their source texts, as the seeder's validator would.</summary>
    private static async Task VerifyAnchorsAsync(DbContextOptions<ClaimTrackerDbContext> options, CancellationToken ct)
    {
        await using var db = new ClaimTrackerDbContext(options);
        var sample = await db.Attributions.AsNoTracking()
            .Where(a => a.Id % 200 == 0)
            .Select(a => new { a.Key, a.Anchor, a.Source.Text })
            .ToListAsync(ct);
        var broken = sample.Select(a => (a.Key, Mismatch: a.Anchor.FindMismatch(a.Text))).FirstOrDefault(a => a.Mismatch is not null);
        if (sample.Count == 0 || broken.Mismatch is not null)
        {
            throw new InvalidOperationException($"Generated anchors do not fit their sources: {broken.Key}: {broken.Mismatch ?? "no attributions"}");
        }
    }

    private static Actor NewActor(Faker f, int i)
    {
        var kind = f.Random.WeightedRandom(
            [ActorKind.Person, ActorKind.Government, ActorKind.Agency, ActorKind.Organisation, ActorKind.OfficialsGroup, ActorKind.Outlet],
            [0.55f, 0.12f, 0.1f, 0.1f, 0.08f, 0.05f]);
        var country = f.Address.Country();
        var (name, role) = kind switch
        {
            ActorKind.Person => (f.Name.FullName(), f.PickRandom(NewsVocabulary.PersonRoles)),
            ActorKind.Government => ($"Government of {country}", (string?)null),
            ActorKind.Agency => ($"{country} {f.PickRandom("Ministry of Defence", "Foreign Ministry", "Intelligence Service", "Energy Agency")}", null),
            ActorKind.Organisation => (f.Company.CompanyName(), null),
            ActorKind.OfficialsGroup => ($"{f.PickRandom("Senior", "Western", "Military", "Diplomatic")} officials in {country}", null),
            _ => ($"The {f.Address.City()} {f.PickRandom("Times", "Herald", "Post", "Observer")}", null),
        };
        return new Actor
        {
            Key = $"bench-actor-{i}",
            Name = name,
            Kind = kind,
            Role = role,
            Country = country,
            Aliases = [.. Enumerable.Range(0, f.Random.Int(0, 2)).Select(_ => f.Name.LastName())],
        };
    }

    /// <summary>A span of 30–220 characters that starts and ends on word boundaries.</summary>
    private static TextAnchor RandomAnchor(Randomizer r, string text)
    {
        var start = r.Int(0, text.Length - 40);
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }
        var end = Math.Min(text.Length, start + r.Int(30, 220));
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }
        return TextAnchor.FromText(text, start, end);
    }

    /// <summary>An index in [0, n) that follows Zipf's law with s≈1: rank k is drawn about 1/(k+1) as often as rank 0.</summary>
    private static int Zipf(Randomizer r, int n) =>
        Math.Clamp((int)Math.Floor(Math.Exp(r.Double() * Math.Log(n + 1))) - 1, 0, n - 1);

    /// <summary>Zipf-distributed with probability <paramref name="skew"/>, else uniform: a long tail with a few very busy items.</summary>
    private static int Popular(Randomizer r, int n, double skew) =>
        r.Double() < skew ? Zipf(r, n) : r.Int(0, n - 1);

    /// <summary>Adds in one batch on a fresh context with change detection off, so each batch costs the same.</summary>
    private static async Task InsertAsync<T>(DbContextOptions<ClaimTrackerDbContext> options, IReadOnlyCollection<T> entities, CancellationToken ct)
        where T : class
    {
        foreach (var chunk in entities.Chunk(BatchSize))
        {
            await using var db = new ClaimTrackerDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Set<T>().AddRange(chunk);
            await db.SaveChangesAsync(ct);
        }
    }

    private static async Task InsertSubjectsAsync(DbContextOptions<ClaimTrackerDbContext> options, List<Dictionary<string, object>> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(BatchSize))
        {
            await using var db = new ClaimTrackerDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Set<Dictionary<string, object>>("ClaimSubjects").AddRange(chunk);
            await db.SaveChangesAsync(ct);
        }
    }
}
