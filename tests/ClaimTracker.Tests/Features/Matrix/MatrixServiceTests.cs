using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Matrix;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Matrix;

/// <summary>
/// MatrixService from the app's container, over the seeded record and a small story of the test's own (two articles a month
/// apart, a harbour official who asserts and later denies, a deleted statement, a deleted claim), on both engines.
/// </summary>
[BothEngines]
public sealed class MatrixServiceTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private Task<StanceMatrix> GetAsync(MatrixQuery query) => app.GetService<MatrixService>().GetAsync(query);

    private static MatrixCell? Cell(StanceMatrix matrix, int actorId, int claimId)
    {
        var column = matrix.Columns.ToList().FindIndex(c => c.ClaimId == claimId);
        Assert.True(column >= 0, $"claim {claimId} is not a column");
        return Assert.Single(matrix.Rows, r => r.ActorId == actorId).Cells[column];
    }

    [Fact]
    public async Task A_topic_narrows_the_claims_and_the_rows_are_who_spoke_to_them()
    {
        var matrix = await GetAsync(new MatrixQuery(Topic: "territory"));

        Assert.Equal(
            new[] { "ukraine-should-cede-donbas", "kyiv-should-withdraw-troops", "kyiv-cannot-cede-land" }.Select(k => app.ClaimId(k).Result).Order(),
            matrix.Columns.Select(c => c.ClaimId).Order());
        Assert.Equal(["Russian government (the Kremlin)", "US officials", "Volodymyr Zelensky"], matrix.Rows.Select(r => r.Name).Order());
        var zelensky = await app.ActorId("volodymyr-zelensky");
        Assert.Equal([Stance.Denies], Cell(matrix, zelensky, await app.ClaimId("ukraine-should-cede-donbas"))!.Runs.Select(r => r.Stance));
    }

    [Fact]
    public async Task An_actor_gives_the_claims_they_took_a_position_on_with_every_actor_on_them()
    {
        var gabbard = await app.ActorId("tulsi-gabbard");
        var matrix = await GetAsync(new MatrixQuery(ActorId: gabbard));

        var column = Assert.Single(matrix.Columns);
        Assert.Equal(await app.ClaimId("putin-aims-to-seize-ukraine"), column.ClaimId);
        Assert.Equal(["Tulsi Gabbard", "US intelligence"], matrix.Rows.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task A_search_uses_the_claims_search_and_one_it_cannot_read_says_why_as_the_claims_list_does()
    {
        var found = await GetAsync(new MatrixQuery(Search: "Donbas"));
        Assert.Equal(
            new[] { "ukraine-should-cede-donbas", "kyiv-should-withdraw-troops" }.Select(k => app.ClaimId(k).Result).Order(),
            found.Columns.Select(c => c.ClaimId).Order());

        const string unreadable = "\"Putin is ready";
        var matrix = await GetAsync(new MatrixQuery(Search: unreadable));
        var list = await app.GetService<ClaimService>().SearchAsync(new ClaimSearchQuery(unreadable));

        Assert.Equal(MatrixEmptyReason.UnreadableSearch, matrix.Empty);
        Assert.NotNull(matrix.SearchError);
        Assert.Equal(list.SearchError, matrix.SearchError);
        Assert.Empty(matrix.Columns);

        var tooLong = await GetAsync(new MatrixQuery(Search: new string('x', SearchTerms.MaxLength + 1)));
        Assert.Equal(MatrixEmptyReason.UnreadableSearch, tooLong.Empty);
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_and_a_topic_nobody_spoke_to_are_told_apart()
    {
        Assert.Equal(MatrixEmptyReason.NoClaims, (await GetAsync(new MatrixQuery(Search: "zanzibar"))).Empty);
        Assert.Equal(MatrixEmptyReason.NoClaims, (await GetAsync(new MatrixQuery(ActorId: int.MaxValue))).Empty);
        Assert.Equal(MatrixEmptyReason.UnknownSource, (await GetAsync(new MatrixQuery(SourceId: int.MaxValue))).Empty);
        // A NUL in the topic, from a hand-made address, is no error on either engine: it is cleaned as a stored topic is.
        Assert.Equal(3, (await GetAsync(new MatrixQuery(Topic: "terr\0itory"))).Columns.Count);

        var topic = $"unspoken-{Guid.NewGuid():N}"[..18];
        await using (var db = app.CreateDbContext())
        {
            db.Claims.Add(new Claim { Key = topic, Text = $"A claim on {topic} that nobody has taken a position on.", Topics = [topic] });
            await db.SaveChangesAsync();
        }
        var silent = await GetAsync(new MatrixQuery(Topic: topic));
        Assert.Equal(MatrixEmptyReason.NoStatements, silent.Empty);
        Assert.Equal(1, silent.Cut.ClaimsMatched);
    }

    private sealed record Story(string Topic, int Official, int Union, int Reopen, int Dredge, int DeletedClaim, int Early, int Later, int Deleted, int LaterSource);

    /// <summary>Two articles a month apart on a harbour (the test's own, not news): the official asserts, later denies.</summary>
    private async Task<Story> StoryAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var topic = $"harbour-{tag}";
        const string text = "The port authority said the harbour would reopen on Friday. Dock workers said it would not. Dredging is to start in March.";
        await using var db = app.CreateDbContext();
        var january = new Source($"harbour-jan-{tag}", "Coast Courier", "Harbour to reopen Friday", new DateOnly(2026, 1, 10), null, text);
        var february = new Source($"harbour-feb-{tag}", "Coast Courier", "Harbour reopening put off", new DateOnly(2026, 2, 3), null, text + " ");
        var official = new Actor { Key = $"official-{tag}", Name = $"Harbour official {tag}", Kind = ActorKind.Person };
        var union = new Actor { Key = $"union-{tag}", Name = $"Dock union {tag}", Kind = ActorKind.Organisation };
        var reopen = new Claim { Key = $"reopen-{tag}", Text = $"The harbour {tag} will reopen on Friday.", Topics = [topic] };
        var dredge = new Claim { Key = $"dredge-{tag}", Text = $"Dredging of harbour {tag} starts in March.", Topics = [topic] };
        var gone = new Claim { Key = $"gone-{tag}", Text = $"A deleted claim on harbour {tag}.", Topics = [topic], IsDeleted = true };
        db.AddRange(january, february, official, union, reopen, dredge, gone);
        Attribution Said(Source source, Actor actor, Claim claim, Stance stance, string key, bool deleted = false) => new()
        {
            Key = $"{key}-{tag}",
            Source = source,
            Actor = actor,
            Claim = claim,
            Stance = stance,
            Mode = AttributionMode.Paraphrase,
            Anchor = TextAnchor.FromText(text, 0, 20),
            IsDeleted = deleted,
        };
        // Recorded in the opposite order to the articles' dates: the later article's denial first.
        var later = Said(february, official, reopen, Stance.Denies, "later");
        var early = Said(january, official, reopen, Stance.Asserts, "early");
        var deleted = Said(january, union, dredge, Stance.Denies, "deleted", deleted: true);
        db.Attributions.AddRange(later, early, Said(january, union, reopen, Stance.Denies, "union"), Said(january, official, dredge, Stance.Asserts, "dredge"),
            deleted, Said(january, union, gone, Stance.Asserts, "on-gone"));
        await db.SaveChangesAsync();
        return new Story(topic, official.Id, union.Id, reopen.Id, dredge.Id, gone.Id, early.Id, later.Id, deleted.Id, february.Id);
    }

    [Fact]
    public async Task Stances_changed_over_time_are_one_cell_in_date_order_and_deleted_statements_and_claims_are_left_out()
    {
        var story = await StoryAsync();
        var matrix = await GetAsync(new MatrixQuery(Topic: story.Topic));

        Assert.Equal([story.Reopen, story.Dredge], matrix.Columns.Select(c => c.ClaimId));
        var changed = Cell(matrix, story.Official, story.Reopen)!;
        Assert.Equal([Stance.Asserts, Stance.Denies], changed.Runs.Select(r => r.Stance));
        Assert.True(changed.Changed);
        Assert.Equal([story.Early, story.Later], changed.Statements.Select(s => s.Id));
        Assert.Equal($"/sources/{story.LaterSource}?attribution={story.Later}", changed.Latest.ReaderHref);
        Assert.True(matrix.Columns[0].Contested);

        // The union's denial of the dredging was deleted: no cell, and the dredging is not contested.
        Assert.Null(Cell(matrix, story.Union, story.Dredge));
        Assert.False(matrix.Columns.Single(c => c.ClaimId == story.Dredge).Contested);
        Assert.DoesNotContain(matrix.Rows.SelectMany(r => r.Cells).OfType<MatrixCell>().SelectMany(c => c.Statements), s => s.Id == story.Deleted);
        // Its statement on the deleted claim is not counted either: one statement on the claims shown.
        Assert.Equal(1, matrix.Rows.Single(r => r.ActorId == story.Union).Statements);
        Assert.DoesNotContain(matrix.Columns, c => c.ClaimId == story.DeletedClaim);
    }

    [Fact]
    public async Task A_source_narrows_the_statements_to_that_article()
    {
        var story = await StoryAsync();
        var matrix = await GetAsync(new MatrixQuery(Topic: story.Topic, SourceId: story.LaterSource));

        var column = Assert.Single(matrix.Columns);
        Assert.Equal(story.Reopen, column.ClaimId);
        var row = Assert.Single(matrix.Rows);
        Assert.Equal([story.Later], row.Cells[0]!.Statements.Select(s => s.Id));

        // The seed's article alone is the whole seed.
        var seed = await GetAsync(new MatrixQuery(SourceId: await app.SourceId("reuters-ukraine-peace-talks")));
        Assert.Equal(15, seed.Columns.Count);
    }

    [Fact]
    public async Task The_cut_keeps_the_most_active_and_show_all_stops_at_the_cap()
    {
        // A topic of its own with more claims than the matrix shows, each with more speakers than rows.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var topic = $"wide-{tag}";
        const string text = "A long report with many voices on the ferry timetable.";
        var claimCount = MatrixLimits.MaxClaims + 5;
        await using (var db = app.CreateDbContext())
        {
            var source = new Source($"wide-{tag}", "Coast Courier", "Ferry timetable", new DateOnly(2026, 3, 1), null, text);
            var actors = Enumerable.Range(0, MatrixLimits.MaxActors + 5)
                .Select(i => new Actor { Key = $"voice-{i}-{tag}", Name = $"Voice {i:D2} {tag}", Kind = ActorKind.Person }).ToList();
            var claims = Enumerable.Range(0, claimCount)
                .Select(i => new Claim { Key = $"ferry-{i}-{tag}", Text = $"Ferry {i:D2} of {tag} runs on time.", Topics = [topic] }).ToList();
            db.AddRange(source);
            db.AddRange(actors);
            db.AddRange(claims);
            var n = 0;
            // Claim i has 21 + i statements, from the actors 0 to 20 + i: the later claims are the busier, and the first actors,
            // who speak to every claim, the busiest; the busiest claims have more speakers than even "show all" shows.
            for (var i = 0; i < claims.Count; i++)
            {
                for (var j = 0; j <= 20 + i && j < actors.Count; j++)
                {
                    db.Attributions.Add(new Attribution
                    {
                        Key = $"voice-{n++}-{tag}",
                        Source = source,
                        Actor = actors[j],
                        Claim = claims[i],
                        Stance = j % 3 == 0 ? Stance.Denies : Stance.Asserts,
                        Mode = AttributionMode.Paraphrase,
                        Anchor = TextAnchor.FromText(text, 0, 10),
                    });
                }
            }
            await db.SaveChangesAsync();
        }

        var top = await GetAsync(new MatrixQuery(Topic: topic));
        Assert.Equal(MatrixLimits.Claims, top.Columns.Count);
        Assert.True(top.Cut.IsCut);
        Assert.False(top.Cut.AtCap);
        Assert.Equal(claimCount, top.Cut.ClaimsMatched);
        // The busiest claims: the last ones made.
        Assert.All(top.Columns, c => Assert.True(c.Statements >= 21 + claimCount - MatrixLimits.Claims, c.Text));
        Assert.Equal(MatrixLimits.Actors, top.RowCount);
        Assert.Equal(MatrixLimits.MaxActors + 5, top.Cut.ActorsOnClaims);
        Assert.All(top.Rows, r => Assert.Equal(MatrixLimits.Claims, r.Statements)); // the first actors speak to every claim

        var all = await GetAsync(new MatrixQuery(Topic: topic, ShowAll: true));
        Assert.Equal(MatrixLimits.MaxClaims, all.Columns.Count);
        Assert.Equal(MatrixLimits.MaxActors, all.RowCount);
        Assert.True(all.Cut.AtCap);
        Assert.True(all.Cut.ShowAll);
    }
}

/// <summary>The matrix of the seed alone, with an app of its own that no test adds to.</summary>
[BothEngines]
public sealed class MatrixSeedTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private Task<StanceMatrix> GetAsync(MatrixQuery query) => app.GetService<MatrixService>().GetAsync(query);

    private static MatrixCell? Cell(StanceMatrix matrix, int actorId, int claimId)
    {
        var column = matrix.Columns.ToList().FindIndex(c => c.ClaimId == claimId);
        Assert.True(column >= 0, $"claim {claimId} is not a column");
        return Assert.Single(matrix.Rows, r => r.ActorId == actorId).Cells[column];
    }

    [Fact]
    public async Task On_the_seed_every_claim_and_speaker_is_in_the_matrix_with_the_dispute_visible()
    {
        var matrix = await GetAsync(new MatrixQuery());

        Assert.Equal(MatrixEmptyReason.None, matrix.Empty);
        Assert.Equal(15, matrix.Columns.Count);
        Assert.Equal(13, matrix.RowCount); // 16 actors, of whom Putin, Witkoff and Kushner are only spoken about
        Assert.False(matrix.Cut.IsCut);

        var trump = await app.ActorId("donald-trump");
        var blame = await app.ClaimId("kyiv-to-blame");
        Assert.Equal([new StanceRun(Stance.Asserts, 2)], Cell(matrix, trump, blame)!.Runs);
        var aims = await app.ClaimId("putin-aims-to-seize-ukraine");
        Assert.Equal([Stance.Questions], Cell(matrix, await app.ActorId("tulsi-gabbard"), aims)!.Runs.Select(r => r.Stance));
        Assert.True(matrix.Columns.Single(c => c.ClaimId == aims).Contested);

        // Trump and the Kremlin on one side of the peace-talks claims, the European governments on the other.
        var sideOf = matrix.RowGroups.SelectMany(g => g.Rows.Select(r => (r.Name, g.Label))).ToDictionary(x => x.Name, x => x.Label);
        Assert.Equal(sideOf["Donald Trump"], sideOf["Russian government (the Kremlin)"]);
        Assert.StartsWith("With", sideOf["Donald Trump"]);
        Assert.StartsWith("Against", sideOf["European governments"]);
        // The claims that contradict "Putin is ready to make a deal" are in its group, after the line.
        var dealId = await app.ClaimId("putin-ready-for-deal");
        var objectivesId = await app.ClaimId("kremlin-keeps-objectives");
        var deal = matrix.Columns.Single(c => c.ClaimId == dealId);
        var objectives = matrix.Columns.Single(c => c.ClaimId == objectivesId);
        Assert.Equal(deal.Group, objectives.Group);
        var line = matrix.Columns.Single(c => c.OtherSide && c.Group == deal.Group).Number;
        Assert.True(deal.Number < line && objectives.Number >= line, $"{deal.Label} before the line at C{line}, {objectives.Label} after it");
        Assert.Contains(deal.Links, l => l.Type == RelationType.Contradicts && l.OtherClaimId == objectives.ClaimId);
    }
}
