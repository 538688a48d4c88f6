using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using ClaimTracker.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Claims;

/// <summary>ClaimService resolved from the app's container, over the seeded database of this class.</summary>
[BothEngines]
public class ClaimServiceTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    private const string PutinReady = "Vladimir Putin is ready to make a deal to end the war in Ukraine.";

    private readonly ClaimService _claims = app.GetService<ClaimService>();
    private readonly DisputeReader _disputes = app.GetService<DisputeReader>();

    private Task<PagedResult<ClaimRow>> SearchAsync(ClaimSearchQuery query) =>
        _claims.SearchAsync(query, SearchTerms.Parse(query.Search));

    private async Task<Dictionary<int, string>> KeysByIdAsync()
    {
        await using var db = app.CreateDbContext();
        return await db.Claims.ToDictionaryAsync(c => c.Id, c => c.Key);
    }

    private async Task<List<string>> KeysOfAsync(PagedResult<ClaimRow> result)
    {
        var keys = await KeysByIdAsync();
        return result.Items.Select(r => keys[r.Id]).Order().ToList();
    }

    /// <summary>
    /// What a search should find, worked out from the seed file: every term must match the claim's text, a topic,
    /// a quote on it, or a speaker's name or alias. A word matches any word it begins; a phrase, those words in order.
    /// </summary>
    private static List<string> ExpectedMatches(IReadOnlyList<string> terms)
    {
        var doc = TestSeeds.Document;
        var actors = doc.Actors.ToDictionary(a => a.Key);
        return doc.Claims
            .Where(c =>
            {
                var haystack = new List<string> { c.Text };
                haystack.AddRange(c.Topics ?? []);
                foreach (var a in doc.Attributions.Where(a => a.Claim == c.Key))
                {
                    haystack.Add(a.Quote);
                    haystack.Add(actors[a.Actor].Name);
                    haystack.AddRange(actors[a.Actor].Aliases ?? []);
                }
                var words = Words(string.Join(" . ", haystack));
                return terms.All(t => Matches(Words(t), words));
            })
            .Select(c => c.Key).Order().ToList();
    }

    private static string[] Words(string text) =>
        text.ToLowerInvariant().Split(text.Where(ch => !char.IsLetterOrDigit(ch)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);

    private static bool Matches(string[] term, string[] words) => term.Length switch
    {
        0 => false,
        1 => words.Any(w => w.StartsWith(term[0], StringComparison.Ordinal)),
        _ => Enumerable.Range(0, words.Length - term.Length + 1).Any(i => term.Select((t, j) => words[i + j] == t).All(x => x)),
    };

    [Fact]
    public async Task Searching_deal_finds_the_claim_that_Putin_is_ready_to_make_a_deal()
    {
        var result = await SearchAsync(new ClaimSearchQuery(Search: "deal"));

        Assert.Contains(result.Items, r => r.Text == PutinReady);
        Assert.Equal(result.Items.Count, result.TotalCount);
    }

    [Theory]
    [InlineData("deal")]
    [InlineData("DEAL")]
    [InlineData("Gabbard")]
    [InlineData("\"ready to make a deal\"")]
    [InlineData("putin deal")]
    [InlineData("kremlin \"open to talks\"")]
    [InlineData("territory")]
    [InlineData("deal zzzzzz")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("%deal")]
    [InlineData("negotiat")]
    [InlineData("Moscow")]
    [InlineData("Kremlin")]
    [InlineData("Ukrainian leader")]
    [InlineData("NOT")]
    [InlineData("ready NEAR deal")]
    [InlineData("\"Kremlin agreed\"")]
    public async Task Search_finds_exactly_the_claims_whose_text_quotes_speakers_or_topics_hold_every_term(string search)
    {
        var terms = SearchTerms.Parse(search);
        Assert.Null(terms.Error);

        var result = await SearchAsync(new ClaimSearchQuery(Search: search, PageSize: 100));

        Assert.Equal(ExpectedMatches(terms.Terms), await KeysOfAsync(result));
        Assert.Equal(result.Items.Count, result.TotalCount);
    }

    [Theory]
    [InlineData("\"ready to", "quotation mark is not closed")]
    [InlineData("a b c d e f g h i", "Too many search words: use at most 8.")]
    public async Task A_search_the_service_cannot_read_finds_nothing_and_says_why(string search, string message)
    {
        var result = await _claims.SearchAsync(new ClaimSearchQuery(Search: search));

        Assert.Contains(message, result.SearchError);
        Assert.Empty(result.Items);
        Assert.Equal(0, result.TotalCount);
    }

    [Fact]
    public async Task A_search_over_the_length_limit_is_refused_by_the_service_naming_the_limit()
    {
        var result = await _claims.SearchAsync(new ClaimSearchQuery(Search: new string('a', 1_000_000)));

        Assert.Equal("The search is too long: keep it to 200 characters (it has 1000000).", result.SearchError);
        Assert.Empty(result.Items);
    }

    [Fact]
    public async Task Parsed_terms_that_hold_an_error_find_nothing_rather_than_everything()
    {
        var unreadable = SearchTerms.Parse("\"open");

        var result = await _claims.SearchAsync(new ClaimSearchQuery(Search: "\"open"), unreadable);

        Assert.Equal(0, result.TotalCount);
    }

    [Fact]
    public async Task A_readable_search_through_the_service_finds_what_the_parsed_one_does()
    {
        var result = await _claims.SearchAsync(new ClaimSearchQuery(Search: "putin\u0000deal", PageSize: 100));

        Assert.Null(result.SearchError);
        var expected = await SearchAsync(new ClaimSearchQuery(Search: "putin deal", PageSize: 100));
        Assert.Equal(expected.Items.Select(r => r.Id), result.Items.Select(r => r.Id));
        Assert.Contains(result.Items, r => r.Text == PutinReady);
    }

    [Fact]
    public async Task A_page_far_past_the_end_is_empty_rather_than_wrapping_round_to_the_first()
    {
        var result = await SearchAsync(new ClaimSearchQuery(Page: int.MaxValue, PageSize: 100));

        Assert.Empty(result.Items);
        Assert.Equal(TestSeeds.Document.Claims.Count, result.TotalCount);
    }

    [Fact]
    public async Task Wildcards_in_the_search_match_only_themselves()
    {
        // Unescaped, "%" and "_" would match every claim.
        Assert.Equal(0, (await SearchAsync(new ClaimSearchQuery(Search: "%"))).TotalCount);
        Assert.Equal(0, (await SearchAsync(new ClaimSearchQuery(Search: "_"))).TotalCount);
    }

    [Theory]
    [InlineData("tulsi-gabbard", Stance.Questions, new[] { "putin-aims-to-seize-ukraine" })]
    [InlineData("tulsi-gabbard", Stance.Asserts, new string[0])]
    [InlineData("volodymyr-zelensky", Stance.Denies, new[] { "kyiv-should-withdraw-troops", "ukraine-should-cede-donbas" })]
    [InlineData("russian-government", Stance.Endorses, new[] { "kyiv-to-blame", "putin-ready-for-deal", "zelensky-hesitating" })]
    public async Task Filtering_by_actor_and_stance_finds_that_actors_positions_of_that_stance(string actorKey, Stance stance, string[] expected)
    {
        var actorId = await app.ActorId(actorKey);

        var result = await SearchAsync(new ClaimSearchQuery(ActorId: actorId, Stance: stance));

        Assert.Equal(expected.Order(), await KeysOfAsync(result));
        Assert.Equal(expected.Length, result.TotalCount);
    }

    [Fact]
    public async Task Filtering_by_actor_alone_finds_every_claim_the_actor_takes_a_position_on()
    {
        var actorId = await app.ActorId("donald-trump");
        var expected = TestSeeds.Document.Attributions.Where(a => a.Actor == "donald-trump").Select(a => a.Claim).Distinct().Order();

        var result = await SearchAsync(new ClaimSearchQuery(ActorId: actorId));

        Assert.Equal(expected, await KeysOfAsync(result));
    }

    [Fact]
    public async Task Filtering_by_stance_alone_finds_that_stance_from_any_actor()
    {
        var result = await SearchAsync(new ClaimSearchQuery(Stance: Stance.Doubts));

        Assert.Equal(["putin-would-accept-framework"], await KeysOfAsync(result));
    }

    [Fact]
    public async Task Filtering_by_topic_finds_the_claims_with_that_topic()
    {
        var result = await SearchAsync(new ClaimSearchQuery(Topic: "territory"));

        Assert.Equal(["kyiv-cannot-cede-land", "kyiv-should-withdraw-troops", "ukraine-should-cede-donbas"], await KeysOfAsync(result));
    }

    [Fact]
    public async Task A_topic_from_the_address_is_read_as_a_topic_is_saved_so_characters_no_topic_holds_are_no_error()
    {
        var territory = await KeysOfAsync(await SearchAsync(new ClaimSearchQuery(Topic: "territory")));

        // A NUL is dropped, half a character is a replacement character (PostgreSQL would refuse the query with either).
        Assert.Equal(territory, await KeysOfAsync(await SearchAsync(new ClaimSearchQuery(Topic: "terri\0tory"))));
        Assert.Empty((await SearchAsync(new ClaimSearchQuery(Topic: "territory\uD800"))).Items);
    }

    [Theory]
    [InlineData(ClaimStatus.New)]
    [InlineData(ClaimStatus.InReview)]
    [InlineData(ClaimStatus.Published)]
    public async Task Filtering_by_status_finds_the_claims_with_that_status(ClaimStatus status)
    {
        var expected = TestSeeds.Document.Claims.Where(c => c.Status == status.ToString()).Select(c => c.Key).Order();

        var result = await SearchAsync(new ClaimSearchQuery(Status: status, PageSize: 100));

        Assert.Equal(expected, await KeysOfAsync(result));
    }

    [Fact]
    public async Task Filters_combine_with_search()
    {
        var result = await SearchAsync(new ClaimSearchQuery(Search: "Putin", Status: ClaimStatus.InReview, Topic: "intelligence"));

        Assert.Equal(["putin-aims-to-seize-ukraine"], await KeysOfAsync(result));
    }

    [Fact]
    public async Task Pages_report_the_total_and_together_hold_every_claim_once()
    {
        var total = TestSeeds.Document.Claims.Count;
        var seen = new List<int>();

        for (var page = 0; page * 4 < total; page++)
        {
            var result = await SearchAsync(new ClaimSearchQuery(Page: page, PageSize: 4));
            Assert.Equal(total, result.TotalCount);
            Assert.Equal(Math.Min(4, total - page * 4), result.Items.Count);
            seen.AddRange(result.Items.Select(r => r.Id));
        }

        Assert.Equal(total, seen.Distinct().Count());
        Assert.Empty((await SearchAsync(new ClaimSearchQuery(Page: (total + 3) / 4, PageSize: 4))).Items);
    }

    [Fact]
    public async Task The_total_counts_the_filtered_claims_not_the_page()
    {
        var inReview = TestSeeds.Document.Claims.Count(c => c.Status == "InReview");

        var result = await SearchAsync(new ClaimSearchQuery(Status: ClaimStatus.InReview, PageSize: 3));

        Assert.Equal(inReview, result.TotalCount);
        Assert.Equal(Math.Min(3, inReview), result.Items.Count);
    }

    [Fact]
    public async Task A_row_counts_conflicts_supports_and_speakers()
    {
        var id = await app.ClaimId("putin-ready-for-deal");

        var row = (await SearchAsync(new ClaimSearchQuery(PageSize: 100))).Items.Single(r => r.Id == id);

        // Contradicted by the Kremlin's objectives, Putin's aims and the objection to Trump's trust;
        // supported by "open to talks" and by the Kremlin's agreement with Trump.
        Assert.Equal(3, row.ConflictCount);
        Assert.Equal(2, row.SupportCount);
        Assert.Equal(2, row.AttributionCount);
        Assert.Equal(["Donald Trump"], row.Speakers);
    }

    [Fact]
    public async Task Most_disputed_comes_first_by_default()
    {
        var rows = (await SearchAsync(new ClaimSearchQuery(PageSize: 100))).Items;

        Assert.Equal(rows.OrderByDescending(r => r.ConflictCount).ThenByDescending(r => r.SupportCount).ThenBy(r => r.Id).Select(r => r.Id), rows.Select(r => r.Id));
    }

    [Fact]
    public async Task The_dispute_of_Putin_being_ready_for_a_deal_shows_who_says_it_and_what_conflicts_with_it()
    {
        var id = await app.ClaimId("putin-ready-for-deal");

        var dispute = await _disputes.GetDisputeAsync(id);

        Assert.NotNull(dispute);
        Assert.Equal(PutinReady, dispute.Claim.Text);
        Assert.Equal(["Vladimir Putin"], dispute.Claim.Subjects.Select(s => s.Name));

        var trump = Assert.Single(dispute.Assertions);
        Assert.Equal(("Donald Trump", Stance.Asserts, AttributionMode.DirectQuote, "ready to make a deal"), (trump.ActorName, trump.Stance, trump.Mode, trump.Quote));

        var conflicting = dispute.Conflicting.Select(c => c.Related).OfType<RelatedClaim>().ToList();
        var objectives = Assert.Single(conflicting, r => r.Text == "The Kremlin has shown little sign of abandoning its objectives in Ukraine.");
        var aims = Assert.Single(conflicting, r => r.Text == "Putin still aims to seize all of Ukraine and reassert control over parts of the former Soviet sphere.");
        Assert.All(conflicting, r => Assert.Equal(RelationType.Contradicts, r.Type));
        Assert.Contains(aims.Challenges, a => a.ActorName == "Tulsi Gabbard" && a.Stance == Stance.Questions);
        Assert.Contains(aims.Speakers, a => a.ActorName == "US intelligence" && a.Stance == Stance.Asserts);
        Assert.DoesNotContain(aims.Speakers, a => a.ActorName == "Tulsi Gabbard");
        Assert.Equal(["European governments", "Western intelligence agencies"], objectives.Speakers.Select(a => a.ActorName).Order());
        Assert.NotNull(objectives.Evidence);
        Assert.StartsWith("a claim that runs counter to the assessment", objectives.Evidence.Quote);

        var supporting = dispute.Supporting.Select(s => s.Related).OfType<RelatedClaim>().ToList();
        var open = Assert.Single(supporting);
        Assert.Equal("Russia remains open to talks, and its position is well known.", open.Text);
        Assert.Contains(open.Speakers, a => a.ActorName == "Dmitry Peskov");

        // Its own support for the framework claim bears on that claim; it is not support for this one.
        Assert.Equal(["Putin would accept elements of the emerging post-war framework."], dispute.BearsOn.Select(r => r.Text));
    }

    [Fact]
    public async Task An_endorsement_of_the_claim_counts_as_support()
    {
        var dispute = await _disputes.GetDisputeAsync(await app.ClaimId("kyiv-to-blame"));

        Assert.NotNull(dispute);
        var endorsement = Assert.Single(dispute.Supporting, s => s.Stance is not null).Stance!;
        Assert.Equal(("Russian government (the Kremlin)", Stance.Endorses), (endorsement.ActorName, endorsement.Stance));
        Assert.Contains(dispute.Supporting, s => s.Related?.Text == "Volodymyr Zelensky is the one hesitating to reach a peace deal.");
        Assert.Equal(2, dispute.Assertions.Count);
        Assert.All(dispute.Assertions, a => Assert.Equal("Donald Trump", a.ActorName));
    }

    [Fact]
    public async Task A_challenge_to_the_claim_itself_is_conflicting()
    {
        var dispute = await _disputes.GetDisputeAsync(await app.ClaimId("putin-aims-to-seize-ukraine"));

        Assert.NotNull(dispute);
        var challenge = Assert.Single(dispute.Conflicting, c => c.Stance is not null).Stance!;
        Assert.Equal(("Tulsi Gabbard", Stance.Questions), (challenge.ActorName, challenge.Stance));
        Assert.DoesNotContain(dispute.Assertions, a => a.ActorName == "Tulsi Gabbard");
    }

    [Fact]
    public async Task An_incoming_qualification_is_listed_as_such()
    {
        var dispute = await _disputes.GetDisputeAsync(await app.ClaimId("zelensky-hesitating"));

        Assert.NotNull(dispute);
        var qualification = Assert.Single(dispute.Qualifications);
        Assert.Equal("Under Ukraine's constitution, Kyiv has no legal authority to surrender land.", qualification.Text);
    }

    [Fact]
    public async Task An_unknown_claim_has_no_dispute()
    {
        await using var db = app.CreateDbContext();
        var unknown = await db.Claims.MaxAsync(c => c.Id) + 1000;

        Assert.Null(await _disputes.GetDisputeAsync(unknown));
    }
}
