using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bogus;
using ClaimTracker.Web.Domain;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Web.Features.Generating;

/// <summary>What a generation run added, by kind.</summary>
public sealed record GeneratedCounts(
    int Actors, int Sources, int Claims, int Attributions, int Subjects, int Relations, int Notes, int Verdicts, int HistoryEntries)
{
    public long Total => (long)Actors + Sources + Claims + Attributions + Subjects + Relations + Notes + Verdicts + HistoryEntries;
}

/// <summary>
/// Fills a migrated ClaimTracker database with a newsroom's worth of generated records (<see cref="NewsShape"/>), for
/// benchmarks and load tests. The Bogus randomizer is seeded, and nothing is taken from the clock, so the same seed on
/// the same database gives the same rows, byte for byte.
/// <para>
/// <b>Through the app's own schema and triggers.</b> The rows go in with plain SQL INSERTs into the tables the
/// migrations made, so the full-text index (<c>ClaimSearch_…</c>) and the stored dispute counts (<c>DisputeCounts_…</c>)
/// are filled by the app's triggers, exactly as for an editor's save. Those triggers rebuild a claim's whole search text
/// and recount it for every statement added to it, which costs O(n²) for a claim with n statements (minutes for the
/// busiest generated claims). So each article's statements go in <i>before</i> their claims exist: a statement's
/// triggers then find no claim and do nothing, and each claim's own insert trigger indexes and counts it once, with all
/// its statements present. Relations come after the claims and recount both ends, as in the app. Foreign keys stay on
/// but are deferred to the commit, where SQLite refuses the whole run if any statement points at a claim that never came.
/// </para>
/// <para>
/// <b>One transaction</b>, so a run cut short leaves the database as it was. For its length the connection uses a
/// rollback journal instead of the write-ahead log (a WAL would have to hold every page written, then copy them all
/// again at the checkpoint) and <c>synchronous = OFF</c>; both are restored when the run ends (the journal mode is
/// stored in the file, the rest belongs to this connection alone).
/// </para>
/// </summary>
public static class NewsGenerator
{
    public const int DefaultSeed = 20_261_126;

    /// <summary>How often the long phases print how far they are.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    /// <param name="connectionString">The app's database (migrated); pooling is turned off for the run's own connection.</param>
    /// <param name="progress">Receives one line per phase and, in long phases, one every few seconds.</param>
    public static async Task<GeneratedCounts> GenerateAsync(string connectionString, NewsShape shape, int seed, TextWriter progress, CancellationToken ct = default)
    {
        // Idle pooled connections of the app keep the file open in WAL mode, and the journal mode changes only when no
        // other connection has it open.
        SqliteConnection.ClearAllPools();
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(ct);
        Execute(connection, null, "PRAGMA foreign_keys = ON; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;");
        var journalMode = Scalar(connection, "PRAGMA journal_mode;");
        var switched = Scalar(connection, "PRAGMA journal_mode = DELETE;");
        if (!string.Equals(switched, "delete", StringComparison.OrdinalIgnoreCase))
        {
            await progress.WriteLineAsync($"The journal mode stays {switched} (another connection has the database open?): the run is slower but as safe.");
        }
        try
        {
            var clock = Stopwatch.StartNew();
            await using var transaction = connection.BeginTransaction();
            Execute(connection, transaction, "PRAGMA defer_foreign_keys = ON;");
            var counts = new Run(connection, transaction, shape, seed, progress, ct).Execute();
            await progress.WriteLineAsync($"  committing ({clock.Elapsed.TotalSeconds:F1} s so far)");
            await transaction.CommitAsync(ct);
            return counts;
        }
        finally
        {
            if (!string.Equals(journalMode, switched, StringComparison.OrdinalIgnoreCase))
            {
                Execute(connection, null, $"PRAGMA journal_mode = {journalMode};");
            }
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>An index in [0, n) that follows Zipf's law with s≈1: rank k is drawn about 1/(k+1) as often as rank 0.</summary>
    internal static int Zipf(Randomizer r, int n) =>
        Math.Clamp((int)Math.Floor(Math.Exp(r.Double() * Math.Log(n + 1))) - 1, 0, n - 1);

    /// <summary>Zipf-distributed with probability <paramref name="share"/>, else uniform: a long tail with a few very busy items.</summary>
    internal static int Popular(Randomizer r, int n, double share) =>
        r.Double() < share ? Zipf(r, n) : r.Int(0, n - 1);

    /// <summary>One generation run: the state shared by its phases, in the order they must run.</summary>
    private sealed class Run(SqliteConnection connection, SqliteTransaction transaction, NewsShape shape, int seed, TextWriter progress, CancellationToken ct)
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

        private void Actors()
        {
            using var insert = new Insert(connection, transaction, "Actors", "Id", "Key", "Name", "Kind", "Role", "Country", "Aliases", "Version", "IsDeleted");
            var phase = new Phase(this, "actors", shape.Actors);
            actorNames = new string[shape.Actors];
            var outlets = new List<int>();
            for (var i = 0; i < shape.Actors; i++)
            {
                var id = firstActorId + i;
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
                if (kind == ActorKind.Outlet)
                {
                    outlets.Add(id);
                }
                var aliases = Enumerable.Range(0, f.Random.Int(0, 2)).Select(_ => f.Name.LastName()).ToList();
                actorNames[i] = name;
                insert.Row(id, $"generated-actor-{id}", name, kind.ToString(), role, country, JsonSerializer.Serialize(aliases), NewVersion(), 0);
                phase.Done(1);
            }
            outletActorIds = [.. outlets];
            // Popularity is shuffled so that the busiest actor or claim is not simply the first one inserted.
            actorByRank = f.Random.Shuffle(Enumerable.Range(0, shape.Actors)).ToArray();
            phase.End();
        }

        /// <summary>
        /// Claims are written after the statements about them (see the class summary), but the statements quote them, so
        /// their texts and subjects are decided first.
        /// </summary>
        private void PlanClaims()
        {
            claimTexts = new string[shape.Claims];
            claimSubjects = new int[]?[shape.Claims];
            statementOfClaim = new int[shape.Claims];
            for (var i = 0; i < shape.Claims; i++)
            {
                // A third of claims are about a named actor ("X is ready to make a deal on …"), who is then its subject.
                if (f.Random.Bool(0.35f))
                {
                    var actor = PickActor();
                    claimTexts[i] = NewsVocabulary.ClaimAbout(f, actorNames[actor]);
                    claimSubjects[i] = f.Random.Bool(0.2f) ? [actor, PickActor()] : [actor];
                }
                else
                {
                    claimTexts[i] = NewsVocabulary.Claim(f);
                    claimSubjects[i] = f.Random.Bool(0.25f) ? [PickActor()] : null;
                }
            }
            claimByRank = f.Random.Shuffle(Enumerable.Range(0, shape.Claims)).ToArray();
        }

        private int PickActor() => actorByRank[Popular(f.Random, shape.Actors, shape.ActorZipfShare)];

        private int PickClaim() => claimByRank[Popular(f.Random, shape.Claims, shape.ClaimZipfShare)];

        /// <summary>Each source with its statements: the article is written around them, so every quote is a sentence of it.</summary>
        private void SourcesAndStatements()
        {
            // About 20 statements per article, like real reporting: each statement picks its article uniformly.
            var perSource = new int[shape.Sources];
            for (var i = 0; i < shape.Attributions; i++)
            {
                perSource[f.Random.Int(0, shape.Sources - 1)]++;
            }
            var passagesWanted = shape.Relations * 3 / 10 + (int)(shape.Sources * shape.NotedSources) + 1;
            var passageChance = Math.Min(1.0, 1.5 * passagesWanted / shape.Sources);

            using var sources = new Insert(connection, transaction, "Sources", "Id", "Key", "Outlet", "Title", "PublishedOn", "Url", "Text", "ContentHash", "Revision");
            using var statements = new Insert(connection, transaction, "Attributions",
                "Id", "Key", "ActorId", "ClaimId", "SourceId", "Stance", "Mode", "SpanStart", "SpanEnd", "Quote", "QuotePrefix", "QuoteSuffix",
                "SaidWhen", "SaidWhere", "ReportedVia", "ReportedById", "Version", "IsDeleted", "AnchorRevision", "AnchorState");
            var phase = new Phase(this, "attributions (with their sources)", shape.Attributions);
            var attributionId = firstAttributionId;
            var sentences = new List<(string Text, int Statement)>();
            var planned = new List<(int Actor, int Claim, Stance Stance, AttributionMode Mode)>();
            var spans = new (int Start, int End)[64];
            var text = new StringBuilder(8_000);
            for (var s = 0; s < shape.Sources; s++)
            {
                ct.ThrowIfCancellationRequested();
                var sourceId = firstSourceId + s;
                var outlet = NewsVocabulary.Outlets[Zipf(f.Random, NewsVocabulary.Outlets.Length)];
                var published = DateOnly.FromDateTime(f.Date.Between(publishedFrom, publishedTo));

                planned.Clear();
                sentences.Clear();
                for (var j = 0; j < perSource[s]; j++)
                {
                    var stance = f.Random.WeightedRandom(
                        [Stance.Asserts, Stance.Endorses, Stance.Denies, Stance.Questions, Stance.Doubts],
                        [0.55f, 0.1f, 0.15f, 0.12f, 0.08f]);
                    var mode = f.Random.WeightedRandom(
                        [AttributionMode.DirectQuote, AttributionMode.Paraphrase, AttributionMode.Reported, AttributionMode.Narration],
                        [0.4f, 0.35f, 0.15f, 0.1f]);
                    var statement = (Actor: PickActor(), Claim: PickClaim(), stance, mode);
                    planned.Add(statement);
                    sentences.Add((NewsVocabulary.Statement(f, actorNames[statement.Actor], claimTexts[statement.Claim], stance, mode, outlet), j));
                }
                // Reporting around the statements, up to a few KB of text.
                var speakers = planned.Count > 0 ? planned.Select(p => actorNames[p.Actor]).Distinct().ToList() : [actorNames[PickActor()]];
                var length = f.Random.Int(2_500, 6_000);
                for (var written = sentences.Sum(x => x.Text.Length + 1); written < length;)
                {
                    var filler = NewsVocabulary.Sentence(f, speakers);
                    sentences.Add((filler, -1));
                    written += filler.Length + 1;
                }
                var order = f.Random.Shuffle(sentences).ToList();

                // Paragraphs of two to five sentences; the offsets of each statement's sentence are its anchor.
                text.Clear();
                if (spans.Length < planned.Count)
                {
                    spans = new (int, int)[planned.Count * 2];
                }
                var fillerSpans = new List<(int Start, int End)>();
                var inParagraph = 0;
                var paragraphLength = f.Random.Int(2, 5);
                foreach (var (sentence, statement) in order)
                {
                    if (inParagraph == paragraphLength)
                    {
                        text.Append("\n\n");
                        inParagraph = 0;
                        paragraphLength = f.Random.Int(2, 5);
                    }
                    else if (inParagraph > 0)
                    {
                        text.Append(' ');
                    }
                    var start = text.Length;
                    text.Append(sentence);
                    if (statement >= 0)
                    {
                        spans[statement] = (start, text.Length);
                    }
                    else
                    {
                        fillerSpans.Add((start, text.Length));
                    }
                    inParagraph++;
                }
                var article = text.ToString();
                sources.Row(sourceId, $"generated-source-{sourceId}", outlet, NewsVocabulary.Headline(f), published,
                    $"https://news.example/{published:yyyy/MM/dd}/{sourceId}", article, Source.HashOf(article), 1);
                if (fillerSpans.Count > 0 && f.Random.Double() < passageChance)
                {
                    var (start, end) = f.PickRandom(fillerSpans);
                    passages.Add((sourceId, TextAnchor.FromText(article, start, end)));
                }

                for (var j = 0; j < planned.Count; j++)
                {
                    var (actor, claim, stance, mode) = planned[j];
                    var anchor = TextAnchor.FromText(article, spans[j].Start, spans[j].End);
                    var reported = mode == AttributionMode.Reported;
                    if (statementOfClaim[claim] == 0)
                    {
                        statementOfClaim[claim] = attributionId;
                    }
                    statements.Row(attributionId, $"generated-attribution-{attributionId}", firstActorId + actor, firstClaimId + claim, sourceId,
                        stance.ToString(), mode.ToString(), anchor.Start, anchor.End, anchor.Exact, anchor.Prefix, anchor.Suffix,
                        f.Random.Bool(0.5f) ? f.PickRandom(NewsVocabulary.SaidWhen) : null,
                        f.Random.Bool(0.3f) ? $"in an interview with {f.PickRandom(NewsVocabulary.Outlets)}" : null,
                        reported ? $"a {f.Date.Month()} {outlet} report" : null,
                        reported && outletActorIds.Length > 0 && f.Random.Bool() ? f.PickRandom(outletActorIds) : null,
                        NewVersion(), 0, 1, nameof(AnchorState.Attached));
                    attributionId++;
                }
                phase.Done(planned.Count);
            }
            phase.End();
        }

        private void Claims()
        {
            using var insert = new Insert(connection, transaction, "Claims", "Id", "Key", "Text", "Topics", "Status", "CreatedAt", "Version", "IsDeleted");
            var phase = new Phase(this, "claims (search index and dispute counts by the app's triggers)", shape.Claims);
            var createdFrom = new DateTimeOffset(publishedFrom);
            var topics = new HashSet<string>();
            verdictStates = new VerdictState?[shape.Claims];
            for (var i = 0; i < shape.Claims; i++)
            {
                if ((i & 1023) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                topics.Clear();
                var topicCount = f.Random.WeightedRandom([1, 2, 3], [0.45f, 0.4f, 0.15f]);
                while (topics.Count < topicCount)
                {
                    topics.Add(NewsVocabulary.Topics[Zipf(f.Random, NewsVocabulary.Topics.Length)]);
                }
                // The workflow status agrees with the verdict the claim will get (see Verdicts).
                var verdict = f.Random.Bool((float)shape.RatedClaims) ? (f.Random.Bool(0.6f) ? VerdictState.Published : VerdictState.Draft) : (VerdictState?)null;
                verdictStates[i] = verdict;
                var status = verdict switch
                {
                    VerdictState.Published => ClaimStatus.Published,
                    VerdictState.Draft => ClaimStatus.VerdictDrafted,
                    _ => f.Random.Bool(0.08f) ? ClaimStatus.InReview : ClaimStatus.New,
                };
                var id = firstClaimId + i;
                insert.Row(id, $"generated-claim-{id}", claimTexts[i], JsonSerializer.Serialize(topics.ToList()), status.ToString(),
                    createdFrom.AddMinutes(f.Random.Int(0, 1_500_000)), NewVersion(), 0);
                phase.Done(1);
            }
            phase.End();
        }

        private VerdictState?[] verdictStates = [];

        private void Subjects()
        {
            using var insert = new Insert(connection, transaction, "ClaimSubjects", "SubjectOfId", "SubjectsId");
            var phase = new Phase(this, "claim subjects", shape.Claims);
            for (var i = 0; i < shape.Claims; i++)
            {
                foreach (var actor in claimSubjects[i]?.Distinct() ?? [])
                {
                    insert.Row(firstClaimId + i, firstActorId + actor);
                    subjects++;
                }
                phase.Done(1);
            }
            phase.End();
        }

        private int Relations()
        {
            using var insert = new Insert(connection, transaction, "ClaimRelations",
                "Id", "Key", "FromClaimId", "ToClaimId", "Type", "Rationale", "EvidenceSourceId",
                "EvidenceStart", "EvidenceEnd", "EvidenceQuote", "EvidencePrefix", "EvidenceSuffix", "Version", "IsDeleted");
            var phase = new Phase(this, "relations (dispute counts by the app's triggers)", shape.Relations);
            var id = NextId("ClaimRelations");
            var seen = new HashSet<(int, int, RelationType)>();
            var made = 0;
            // Never a claim to itself, at most one of each type between two claims; with very few claims there may be fewer.
            for (var tries = 0; made < shape.Relations && tries < shape.Relations * 20 + 100; tries++)
            {
                var from = PickClaim();
                var to = PickClaim();
                var type = f.Random.WeightedRandom([RelationType.Contradicts, RelationType.Supports, RelationType.Qualifies], [0.45f, 0.35f, 0.2f]);
                if (from == to || !seen.Add((from, to, type)))
                {
                    continue;
                }
                var evidence = passages.Count > 0 && f.Random.Bool(0.3f) ? f.PickRandom(passages) : ((int SourceId, TextAnchor Anchor)?)null;
                var anchor = evidence?.Anchor;
                insert.Row(id, $"generated-relation-{id}", firstClaimId + from, firstClaimId + to, type.ToString(),
                    NewsVocabulary.Rationale(f, type, f.PickRandom(NewsVocabulary.Objects)), evidence?.SourceId,
                    anchor?.Start, anchor?.End, anchor?.Exact, anchor?.Prefix, anchor?.Suffix, NewVersion(), 0);
                id++;
                made++;
                phase.Done(1);
            }
            phase.End();
            return made;
        }

        private void Notes()
        {
            using var insert = new Insert(connection, transaction, "Annotations",
                "Id", "ClaimId", "AttributionId", "SourceId", "SpanStart", "SpanEnd", "Quote", "QuotePrefix", "QuoteSuffix", "ParentId",
                "Body", "AuthorId", "AuthorName", "CreatedAt", "Version", "IsDeleted", "AnchorRevision", "AnchorState");
            using var audit = AuditInsert();
            var phase = new Phase(this, "notes", 0);
            var id = NextId("Annotations");
            var createdFrom = new DateTimeOffset(publishedFrom);

            void Note(int? claimId, int? attributionId, int? sourceId, TextAnchor? span, int? parentId, string body, int? historyClaimId)
            {
                var (authorId, authorName) = f.PickRandom(staff);
                var at = createdFrom.AddMinutes(f.Random.Int(0, 1_500_000));
                insert.Row(id, claimId, attributionId, sourceId, span?.Start, span?.End, span?.Exact, span?.Prefix, span?.Suffix, parentId,
                    body, authorId, authorName, at, NewVersion(), 0, 1, nameof(AnchorState.Attached));
                // The history a note's save writes, without the snapshot of every column: its text is what History shows.
                audit.Row(nameof(Annotation), id, historyClaimId, nameof(AuditAction.Created), authorId, authorName, at,
                    JsonSerializer.Serialize(new { body, claimId, attributionId, sourceId, parentId }, Json));
                notes++;
                history++;
                id++;
                phase.Done(1);
            }

            // Threads on claims: a note and up to three replies.
            for (var i = 0; i < shape.Claims; i++)
            {
                if (!f.Random.Bool((float)shape.NotedClaims))
                {
                    continue;
                }
                var claimId = firstClaimId + i;
                var root = id;
                Note(claimId, null, null, null, null, NewsVocabulary.Note(f), claimId);
                for (var r = f.Random.Int(0, 3); r > 0; r--)
                {
                    Note(claimId, null, null, null, root, NewsVocabulary.Reply(f), claimId);
                }
            }
            // Notes on single statements.
            var onStatements = (int)(shape.Claims * shape.NotedStatements);
            for (var i = 0; i < onStatements; i++)
            {
                var attributionId = f.Random.Int(firstAttributionId, firstAttributionId + shape.Attributions - 1);
                Note(null, attributionId, null, null, null, NewsVocabulary.Note(f), ClaimOfStatement(attributionId));
            }
            // Notes on passages of sources.
            var onSpans = Math.Min(passages.Count, (int)(shape.Sources * shape.NotedSources));
            foreach (var (sourceId, anchor) in f.Random.ListItems(passages, onSpans))
            {
                Note(null, null, sourceId, anchor, null, NewsVocabulary.Note(f), null);
            }
            phase.End();
        }

        private int? ClaimOfStatement(int attributionId)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT ClaimId FROM Attributions WHERE Id = $id";
            command.Parameters.AddWithValue("$id", attributionId);
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        private void Verdicts()
        {
            using var insert = new Insert(connection, transaction, "Verdicts",
                "Id", "ClaimId", "RatingLabelId", "Rationale", "State", "Evidence", "AuthorId", "AuthorName", "CreatedAt", "UpdatedAt", "PublishedAt", "Version", "IsDeleted");
            using var audit = AuditInsert();
            var phase = new Phase(this, "verdicts", 0);
            var id = NextId("Verdicts");
            var createdFrom = new DateTimeOffset(publishedFrom);
            for (var i = 0; i < shape.Claims; i++)
            {
                if (verdictStates[i] is not VerdictState state)
                {
                    continue;
                }
                var claimId = firstClaimId + i;
                var (authorId, authorName) = f.PickRandom(staff);
                var created = createdFrom.AddMinutes(f.Random.Int(0, 1_500_000));
                var updated = created.AddHours(f.Random.Int(1, 72));
                var rating = f.Random.Int(1, 6); // the six labels of the default scale (RatingLabelConfiguration)
                var rationale = NewsVocabulary.VerdictRationale(f, f.PickRandom(NewsVocabulary.Outlets));
                List<VerdictEvidence> evidence = statementOfClaim[i] == 0
                    ? [new VerdictEvidence(null, null, $"https://records.example/{claimId}", "Official record")]
                    : [new VerdictEvidence(statementOfClaim[i], null, null, null)];
                insert.Row(id, claimId, rating, rationale, state.ToString(), JsonSerializer.Serialize(evidence, Json), authorId, authorName,
                    created, updated, state == VerdictState.Published ? updated : null, NewVersion(), 0);
                audit.Row(nameof(Verdict), id, claimId, nameof(AuditAction.Created), authorId, authorName, created,
                    JsonSerializer.Serialize(new { claimId, ratingLabelId = rating, rationale, state = (int)VerdictState.Draft }, Json));
                verdicts++;
                history++;
                id++;
                phase.Done(1);
            }
            phase.End();
        }

        private Insert AuditInsert() =>
            new(connection, transaction, "AuditEntries", "EntityType", "EntityId", "ClaimId", "Action", "UserId", "UserName", "At", "After");

        /// <summary>Reads a sample of the anchors back and checks them against their source texts, as the seed's validator would.</summary>
        private void VerifyAnchors()
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                SELECT a.Id, a.SpanStart, a.SpanEnd, a.Quote, a.QuotePrefix, a.QuoteSuffix, s.Text
                FROM Attributions AS a JOIN Sources AS s ON s.Id = a.SourceId
                WHERE a.Id >= $first AND a.Id % 97 = 0
                """;
            command.Parameters.AddWithValue("$first", firstAttributionId);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var anchor = new TextAnchor(reader.GetInt32(1), reader.GetInt32(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
                if (anchor.FindMismatch(reader.GetString(6)) is { } mismatch)
                {
                    throw new InvalidOperationException($"Generated attribution {reader.GetInt32(0)} does not fit its source: {mismatch}");
                }
            }
        }

        /// <summary>The id after every id the table has had: AUTOINCREMENT never reuses one, so neither do generated rows.</summary>
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

    /// <summary>A prepared INSERT for one table, run once per row with the values in column order.</summary>
    private sealed class Insert : IDisposable
    {
        private readonly SqliteCommand command;
        private readonly SqliteParameter[] parameters;

        public Insert(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            command.Prepare();
        }

        public void Row(params object?[] values)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }
            command.ExecuteNonQuery();
        }

        public void Dispose() => command.Dispose();
    }
}
