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
    /// <summary>What editors add to the body: subjects, relations, notes, verdicts, their history; and the anchors checked.</summary>
    private sealed partial class Run
    {
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
    }
}
