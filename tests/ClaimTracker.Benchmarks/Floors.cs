using System.Globalization;
using System.Text;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Actors;
using ClaimTracker.Web.Features.Claims;
using Microsoft.Data.Sqlite;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// The floor of each scenario in <see cref="ScaleBenchmark"/>: SQL written by hand, as directly as the schema allows,
/// over a plain pooled connection, fetching the rows the service fetches (every column the page shows) and nothing of
/// what the app adds (EF's materialisation, the durability pragmas on every open, the records it builds). Each returns
/// the same digest as the service call it stands beside, computed from the rows it read.
/// </summary>
public sealed class Floors(string connectionString)
{
    private static readonly string Challenges = string.Join(", ", StanceRules.Challenges.Select(s => $"'{s}'"));

    /// <summary>A pooled connection reading through the same memory map as the app's (see <c>SqliteDurability</c>).</summary>
    public async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA mmap_size = {ClaimTracker.Web.Data.SqliteDurability.MemoryMapBytes};";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>
    /// The claims browser: the count, the page, and the page's speakers, as <c>ClaimService.SearchAsync</c> shows them,
    /// with the best plans the schema allows (the same two as the service: a filtered list is counted up to the limit from
    /// its most selective filter; few matches are sorted, many are found by reading the sort's index in order).
    /// </summary>
    public async Task<string> SearchAsync(ClaimSearchQuery query)
    {
        var terms = SearchTerms.Parse(query.Search);
        if (terms.Error is not null)
        {
            return terms.Error;
        }
        var parameters = new List<(string, object)>();
        var fts = terms.Terms.Count > 0 ? terms.ToFtsQuery()! : null;
        if (fts is not null)
        {
            parameters.Add(("$fts", fts));
        }
        if (query.ActorId is int actor)
        {
            parameters.Add(("$actor", actor));
        }
        if (query.Stance is Stance stance)
        {
            parameters.Add(("$stance", stance.ToString()));
        }
        if (query.Topic is not null)
        {
            parameters.Add(("$topic", query.Topic));
        }
        if (query.Status is ClaimStatus status)
        {
            parameters.Add(("$status", status.ToString()));
        }
        var filtered = parameters.Count > 0;
        var start = fts is not null ? "text" : query.ActorId is not null ? "actor" : query.Topic is not null ? "topic" : query.Status is not null ? "status" : null;

        // Each filter as the set to start from, or as a test of one claim.
        string Where(bool startFromFilter)
        {
            var from = startFromFilter ? start : null;
            var where = new StringBuilder("NOT c.IsDeleted");
            if (fts is not null)
            {
                where.Append(from == "text" ? " AND c.Id IN (SELECT rowid FROM ClaimSearch WHERE ClaimSearch MATCH $fts)" : " AND +c.Id IN (SELECT rowid FROM ClaimSearch WHERE ClaimSearch MATCH $fts)");
            }
            var ofStance = query.Stance is null ? "" : " AND Stance = $stance";
            if (query.ActorId is not null)
            {
                where.Append(from == "actor"
                    ? $" AND c.Id IN (SELECT ClaimId FROM Attributions WHERE ActorId = $actor{ofStance} AND NOT IsDeleted)"
                    : $" AND EXISTS (SELECT 1 FROM Attributions AS a WHERE a.ClaimId = c.Id AND a.ActorId = $actor{ofStance.Replace("Stance", "a.Stance", StringComparison.Ordinal)} AND NOT a.IsDeleted)");
            }
            else if (query.Stance is not null)
            {
                where.Append(" AND EXISTS (SELECT 1 FROM Attributions AS a WHERE a.ClaimId = c.Id AND a.Stance = $stance AND NOT a.IsDeleted)");
            }
            if (query.Topic is not null)
            {
                where.Append(from == "topic"
                    ? " AND c.Id IN (SELECT ClaimId FROM ClaimTopics WHERE Topic = $topic)"
                    : " AND EXISTS (SELECT 1 FROM json_each(c.Topics) WHERE value = $topic)");
            }
            if (query.Status is not null)
            {
                where.Append(from == "status" ? " AND c.Status = $status" : " AND +c.Status = $status");
            }
            return where.ToString();
        }
        var order = query.Sort switch
        {
            ClaimSort.Newest => "c.Id DESC",
            ClaimSort.Text => "c.Text, c.Id",
            _ => "c.ConflictCount DESC, c.SupportCount DESC, c.Id",
        };

        await using var connection = await OpenAsync();
        var total = await ScalarAsync(connection, filtered
            ? $"SELECT COUNT(*) FROM (SELECT 1 FROM Claims AS c WHERE {Where(true)} LIMIT {ClaimService.DefaultCountLimit + 1})"
            : "SELECT (SELECT COUNT(*) FROM Claims) - (SELECT COUNT(*) FROM Claims WHERE IsDeleted)", parameters);
        var few = filtered && total <= ClaimService.DefaultCountLimit;
        var rows = new List<(int Id, int Attributions, int Conflicts, int Supports)>();
        await using (var command = Command(connection, $"""
            SELECT c.Id, c.Text, c.Status, c.Topics, c.ConflictCount, c.SupportCount,
                   (SELECT COUNT(*) FROM Attributions AS a WHERE a.ClaimId = c.Id AND NOT a.IsDeleted)
            FROM Claims AS c WHERE {Where(few)} ORDER BY {order} LIMIT $take OFFSET $skip
            """, parameters))
        {
            command.Parameters.AddWithValue("$take", query.PageSize);
            command.Parameters.AddWithValue("$skip", (long)query.Page * query.PageSize);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
                rows.Add((reader.GetInt32(0), reader.GetInt32(6), reader.GetInt32(4), reader.GetInt32(5)));
            }
        }
        var speakers = new Dictionary<int, List<string>>();
        if (rows.Count > 0)
        {
            await using var command = Command(connection, $"""
                SELECT a.ClaimId, ac.Name FROM Attributions AS a JOIN Actors AS ac ON ac.Id = a.ActorId
                WHERE a.ClaimId IN ({string.Join(',', rows.Select(r => r.Id))}) AND a.Stance = 'Asserts' AND a.IsDeleted = 0 AND ac.IsDeleted = 0
                ORDER BY a.Id
                """, []);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var list = speakers.TryGetValue(reader.GetInt32(0), out var l) ? l : speakers[reader.GetInt32(0)] = [];
                list.Add(reader.GetString(1));
            }
        }
        return ScaleScenarios.RowsDigest(total, rows.Select(r => (r.Id, r.Attributions, r.Conflicts, r.Supports,
            (IReadOnlyList<string>)(speakers.TryGetValue(r.Id, out var names) ? names.Distinct().Take(3).ToList() : []))));
    }

    /// <summary>
    /// The dispute view, bounded as the service bounds it: the claim and its subjects, its relations, its first statements
    /// of each kind in order of publication and how many there are by stance, and the first speakers and challengers of
    /// each related claim shown, with their numbers.
    /// </summary>
    public async Task<string> DisputeAsync(int id)
    {
        await using var connection = await OpenAsync();
        var found = await ReadAsync(connection, "SELECT Id, Text, Status, Topics FROM Claims WHERE Id = $id AND NOT IsDeleted", [("$id", id)], r => r.GetInt32(0));
        if (found.Count == 0)
        {
            return "none";
        }
        var subjects = await ReadAsync(connection, """
            SELECT ac.Id, ac.Name FROM ClaimSubjects AS s JOIN Actors AS ac ON ac.Id = s.SubjectsId
            WHERE s.SubjectOfId = $id AND NOT ac.IsDeleted ORDER BY ac.Name
            """, [("$id", id)], r => (r.GetInt32(0), r.GetString(1)));
        var relations = await ReadAsync(connection, """
            SELECT r.Id, r.FromClaimId, r.ToClaimId, r.Type, r.Rationale, o.Text, r.EvidenceSourceId, s.Title, r.EvidenceStart, r.EvidenceEnd, r.EvidenceQuote
            FROM ClaimRelations AS r
            JOIN Claims AS o ON o.Id = r.ToClaimId
            LEFT JOIN Sources AS s ON s.Id = r.EvidenceSourceId
            WHERE r.FromClaimId = $id AND NOT r.IsDeleted AND NOT o.IsDeleted
            UNION ALL
            SELECT r.Id, r.FromClaimId, r.ToClaimId, r.Type, r.Rationale, o.Text, r.EvidenceSourceId, s.Title, r.EvidenceStart, r.EvidenceEnd, r.EvidenceQuote
            FROM ClaimRelations AS r
            JOIN Claims AS o ON o.Id = r.FromClaimId
            LEFT JOIN Sources AS s ON s.Id = r.EvidenceSourceId
            WHERE r.ToClaimId = $id AND NOT r.IsDeleted AND NOT o.IsDeleted
            ORDER BY 1
            """, [("$id", id)], r => (Id: r.GetInt32(0), Other: r.GetInt32(1) == id ? r.GetInt32(2) : r.GetInt32(1), Incoming: r.GetInt32(2) == id, Type: r.GetString(3)));
        var shown = relations
            .GroupBy(r => r.Type == nameof(RelationType.Contradicts) ? 0 : !r.Incoming ? 3 : r.Type == nameof(RelationType.Supports) ? 1 : 2)
            .SelectMany(g => g.Take(DisputeReader.RelatedClaimsShown))
            .ToList();
        await ReadAsync(connection, "SELECT Stance, COUNT(*) FROM Attributions WHERE ClaimId = $id AND NOT IsDeleted GROUP BY Stance", [("$id", id)], r => r.GetString(0));
        var statements = new List<int>();
        foreach (var stances in new[] { "'Asserts'", Challenges, "'Endorses'" })
        {
            statements.AddRange(await ReadAsync(connection, $"""
                SELECT a.Id, a.ClaimId, a.ActorId, ac.Name, ac.Kind, ac.Role, a.Stance, a.Mode, a.Quote, a.SourceId, s.Title, s.Outlet, s.PublishedOn,
                       a.SpanStart, a.SpanEnd, a.SaidWhen, a.SaidWhere, a.ReportedVia, a.AnchorState
                FROM Attributions AS a JOIN Actors AS ac ON ac.Id = a.ActorId JOIN Sources AS s ON s.Id = a.SourceId
                WHERE a.ClaimId = $id AND a.Stance IN ({stances}) AND NOT a.IsDeleted AND NOT ac.IsDeleted
                ORDER BY s.PublishedOn, a.SpanStart, a.Id LIMIT {DisputeReader.StatementsShown}
                """, [("$id", id)], r => r.GetInt32(0)));
        }
        var related = string.Join(',', shown.Select(r => r.Other).Distinct());
        if (related.Length > 0)
        {
            await ReadAsync(connection, $"""
                SELECT ClaimId, Stance IN ({Challenges}), COUNT(*) FROM Attributions
                WHERE ClaimId IN ({related}) AND NOT IsDeleted GROUP BY ClaimId, Stance IN ({Challenges})
                """, [], r => r.GetInt32(0));
            statements.AddRange(await ReadAsync(connection, $"""
                SELECT a.Id, a.ClaimId, a.ActorId, ac.Name, ac.Kind, ac.Role, a.Stance, a.Mode, a.Quote, a.SourceId, s.Title, s.Outlet, s.PublishedOn,
                       a.SpanStart, a.SpanEnd, a.SaidWhen, a.SaidWhere, a.ReportedVia, a.AnchorState
                FROM (SELECT Id, ROW_NUMBER() OVER (PARTITION BY ClaimId, Stance IN ({Challenges}) ORDER BY Id) AS Rank
                      FROM Attributions WHERE ClaimId IN ({related}) AND NOT IsDeleted) AS f
                JOIN Attributions AS a ON a.Id = f.Id JOIN Actors AS ac ON ac.Id = a.ActorId JOIN Sources AS s ON s.Id = a.SourceId
                WHERE f.Rank <= {DisputeReader.RelatedStatementsShown} AND NOT ac.IsDeleted
                """, [], r => r.GetInt32(0)));
        }
        return ScaleScenarios.DisputeDigest(id, subjects.Count, shown.Select(r => r.Id), statements);
    }

    /// <summary>
    /// The actor page, bounded as the service bounds it: the actor, the first claims about them, their statements counted by
    /// stance and the latest of each read in full, and what the agreements are derived from (relations of the claims of the latest statements,
    /// who else spoke to those claims and how, with names, and the claims' texts).
    /// </summary>
    public async Task<string> ActorAsync(int id)
    {
        await using var connection = await OpenAsync();
        var found = await ReadAsync(connection, "SELECT Id, Name, Kind, Role, Country, Aliases FROM Actors WHERE Id = $id AND NOT IsDeleted", [("$id", id)], r => r.GetInt32(0));
        if (found.Count == 0)
        {
            return "none";
        }
        var about = await ReadAsync(connection, $"""
            SELECT c.Id, c.Text FROM ClaimSubjects AS s JOIN Claims AS c ON c.Id = s.SubjectOfId
            WHERE s.SubjectsId = $id AND NOT c.IsDeleted ORDER BY c.Id LIMIT {ActorService.ClaimsAboutShown}
            """, [("$id", id)], r => r.GetInt32(0));
        var stances = await ReadAsync(connection, "SELECT Stance, COUNT(*) FROM Attributions WHERE ActorId = $id AND NOT IsDeleted GROUP BY Stance", [("$id", id)], r => r.GetString(0));
        var latest = new List<int>();
        foreach (var stance in stances)
        {
            latest.AddRange(await ReadAsync(connection, $"""
                SELECT Id FROM Attributions WHERE ActorId = $id AND Stance = $stance AND NOT IsDeleted ORDER BY Id DESC LIMIT {ActorService.PositionsShown}
                """, [("$id", id), ("$stance", stance)], r => r.GetInt32(0)));
        }
        var ids = string.Join(',', latest);
        var own = latest.Count == 0 ? [] : await ReadAsync(connection, $"""
            SELECT a.Id, a.ClaimId, a.ActorId, ac.Name, ac.Kind, ac.Role, a.Stance, a.Mode, a.Quote, a.SourceId, s.Title, s.Outlet, s.PublishedOn,
                   a.SpanStart, a.SpanEnd, a.SaidWhen, a.SaidWhere, a.ReportedVia, a.AnchorState, c.Text
            FROM Attributions AS a JOIN Actors AS ac ON ac.Id = a.ActorId JOIN Sources AS s ON s.Id = a.SourceId JOIN Claims AS c ON c.Id = a.ClaimId
            WHERE a.Id IN ({ids}) ORDER BY s.PublishedOn, a.SpanStart, a.Id
            """, [], r => (Id: r.GetInt32(0), ClaimId: r.GetInt32(1)));
        var claims = string.Join(',', own.OrderByDescending(o => o.Id).Take(ActorService.AlignmentBasis).Select(o => o.ClaimId).Distinct());
        if (claims.Length > 0)
        {
            await ReadAsync(connection, $"""
                WITH related AS (
                         SELECT FromClaimId, ToClaimId, Type FROM ClaimRelations WHERE NOT IsDeleted AND FromClaimId IN ({claims})
                         UNION
                         SELECT FromClaimId, ToClaimId, Type FROM ClaimRelations WHERE NOT IsDeleted AND ToClaimId IN ({claims})),
                     relevant(ClaimId) AS (SELECT value FROM json_each('[{claims}]') UNION SELECT FromClaimId FROM related UNION SELECT ToClaimId FROM related)
                SELECT 'r', FromClaimId, ToClaimId, Type, NULL FROM related
                UNION ALL
                SELECT DISTINCT 'a', a.ActorId, a.ClaimId, a.Stance, ac.Name FROM Attributions AS a JOIN Actors AS ac ON ac.Id = a.ActorId
                WHERE a.ClaimId IN (SELECT ClaimId FROM relevant) AND a.ActorId <> $id AND NOT a.IsDeleted AND NOT ac.IsDeleted
                UNION ALL
                SELECT 'c', c.Id, NULL, c.Text, NULL FROM Claims AS c WHERE c.Id IN (SELECT ClaimId FROM relevant) AND NOT c.IsDeleted
                """, [("$id", id)], r => r.GetString(0));
        }
        return ScaleScenarios.ActorDigest(id, about, own.Select(o => o.Id));
    }

    /// <summary>The reader: the source's current text and its statements with their claims and speakers, in text order.</summary>
    public async Task<string> ReaderAsync(int id)
    {
        await using var connection = await OpenAsync();
        var source = await ReadAsync(connection, """
            SELECT Id, Title, Outlet, PublishedOn, Url, ContentHash, Text, Revision, RevisedAt, RevisedBy, RevisionNote FROM Sources WHERE Id = $id
            """, [("$id", id)], r => r.GetString(6).Length);
        if (source.Count == 0)
        {
            return "none";
        }
        var spans = await ReadAsync(connection, """
            SELECT a.Id, a.ClaimId, c.Text, a.ActorId, ac.Name, a.Stance, a.Mode, a.SpanStart, a.SpanEnd, a.AnchorState
            FROM Attributions AS a JOIN Claims AS c ON c.Id = a.ClaimId JOIN Actors AS ac ON ac.Id = a.ActorId
            WHERE a.SourceId = $id AND NOT a.IsDeleted AND NOT c.IsDeleted AND NOT ac.IsDeleted
            ORDER BY a.SpanStart, a.Id
            """, [("$id", id)], r => r.GetInt32(0));
        return ScaleScenarios.ReaderDigest(id, source[0], spans);
    }

    /// <summary>The claims browser's filter choices: actors who have statements, by name, and every topic in use.</summary>
    public async Task<string> FilterOptionsAsync()
    {
        await using var connection = await OpenAsync();
        var topics = await ReadAsync(connection, ClaimTracker.Web.Data.ClaimTopicIndex.DistinctTopicsSql, [], r => r.GetString(0));
        return ScaleScenarios.FilterDigest(topics);
    }

    public static async Task<int> ScalarAsync(SqliteConnection connection, string sql, IEnumerable<(string Name, object Value)>? parameters = null)
    {
        await using var command = Command(connection, sql, parameters ?? []);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task<List<int>> IdsAsync(SqliteConnection connection, string sql) => await ReadAsync(connection, sql, [], r => r.GetInt32(0));

    public static async Task<List<T>> ReadAsync<T>(SqliteConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters, Func<SqliteDataReader, T> read)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            // Every column read, as a page would: the floor pays for the text it fetches.
            for (var i = 0; i < reader.FieldCount; i++)
            {
                _ = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(read(reader));
        }
        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }
}
