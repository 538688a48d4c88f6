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
    /// <summary>The record's body: actors, the claims' plan, the sources with their statements, then the claims themselves.</summary>
    private sealed partial class Run
    {
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
    }
}
