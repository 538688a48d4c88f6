using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Sources.Anchoring;

namespace ClaimTracker.Tests.Features.Sources.Anchoring;

public class ReanchorerTests
{
    private const string Original =
        "The talks resumed on Monday. Trump said Putin was ready to make a deal, while officials doubted it. " +
        "Peskov said Moscow agreed. Analysts were divided on the outcome.";

    private static TextAnchor AnchorOf(string text, string quote, int occurrence = 0)
    {
        var at = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            at = text.IndexOf(quote, at + 1, StringComparison.Ordinal);
        }
        Assert.True(at >= 0, $"\"{quote}\" is not in the text");
        return TextAnchor.FromText(text, at, at + quote.Length);
    }

    private static void AssertFits(string text, AnchorMatch match) => Assert.Null(match.Anchor.FindMismatch(text));

    [Fact]
    public void Unchanged_text_around_the_quote_keeps_it_attached_in_place()
    {
        var anchor = AnchorOf(Original, "ready to make a deal");
        var corrected = Original.Replace("Analysts were divided", "Analysts disagreed");

        var match = new Reanchorer(Original, corrected).Reanchor(anchor);

        Assert.Equal(AnchorState.Attached, match.State);
        Assert.Equal(anchor, match.Anchor);
    }

    [Fact]
    public void Text_inserted_before_the_quote_shifts_it_and_it_stays_attached()
    {
        var anchor = AnchorOf(Original, "ready to make a deal");
        const string inserted = "UPDATED with comment from the Kremlin. ";
        var corrected = inserted + Original;

        var match = new Reanchorer(Original, corrected).Reanchor(anchor);

        Assert.Equal(AnchorState.Attached, match.State);
        Assert.Equal(anchor.Start + inserted.Length, match.Anchor.Start);
        Assert.Equal(anchor.End + inserted.Length, match.Anchor.End);
        Assert.Equal(anchor.Exact, match.Anchor.Exact);
        AssertFits(corrected, match);
    }

    [Fact]
    public void Text_deleted_before_the_quote_shifts_it_back()
    {
        var anchor = AnchorOf(Original, "Moscow agreed");
        var corrected = Original.Replace("The talks resumed on Monday. ", "");

        var match = new Reanchorer(Original, corrected).Reanchor(anchor);

        Assert.Equal(AnchorState.Attached, match.State);
        Assert.Equal(anchor.Start - "The talks resumed on Monday. ".Length, match.Anchor.Start);
        AssertFits(corrected, match);
    }

    [Fact]
    public void Several_edits_each_shift_what_follows_them()
    {
        var first = AnchorOf(Original, "ready to make a deal");
        var last = AnchorOf(Original, "Analysts were divided");
        // Insert at the top and delete a sentence in the middle, the way a real correction does.
        var corrected = "Corrected: " + Original.Replace("Peskov said Moscow agreed. ", "");

        var reanchorer = new Reanchorer(Original, corrected);
        var a = reanchorer.Reanchor(first);
        var b = reanchorer.Reanchor(last);

        Assert.Equal(AnchorState.Attached, a.State);
        Assert.Equal(first.Start + "Corrected: ".Length, a.Anchor.Start);
        Assert.Equal(AnchorState.Attached, b.State);
        Assert.Equal(last.Start + "Corrected: ".Length - "Peskov said Moscow agreed. ".Length, b.Anchor.Start);
        AssertFits(corrected, a);
        AssertFits(corrected, b);
    }

    [Fact]
    public void A_sentence_moved_elsewhere_is_found_there_as_moved()
    {
        var anchor = AnchorOf(Original, "Peskov said Moscow agreed.");
        var corrected = "Peskov said Moscow agreed. " + Original.Replace(" Peskov said Moscow agreed.", "");

        var match = new Reanchorer(Original, corrected).Reanchor(anchor);

        Assert.Equal(AnchorState.Moved, match.State);
        Assert.Equal(0, match.Anchor.Start);
        AssertFits(corrected, match);
    }

    [Fact]
    public void Of_several_occurrences_the_one_with_the_old_context_wins_over_the_nearer_one()
    {
        const string text = "Alpha said no deal today. Beta said no deal tomorrow. Gamma said no deal ever.";
        var anchor = AnchorOf(text, "no deal", occurrence: 2); // Gamma's
        // Gamma's sentence moves to the front; Beta's "no deal" is now nearest the old position.
        var corrected = "Gamma said no deal ever. Alpha said no deal today. Beta said no deal tomorrow.";

        // As for an anchor orphaned earlier: the old offsets are only a hint, so the choice among occurrences decides.
        var match = new Reanchorer(text, corrected).Reanchor(anchor, intoOldText: false);

        Assert.Equal(AnchorState.Moved, match.State);
        Assert.Equal(corrected.IndexOf("no deal", StringComparison.Ordinal), match.Anchor.Start);
        AssertFits(corrected, match);
    }

    [Fact]
    public void A_moved_sentence_with_repeated_words_lands_on_its_own_words()
    {
        const string text = "Alpha said no deal today. Beta said no deal tomorrow. Gamma said no deal ever.";
        var anchor = AnchorOf(text, "no deal", occurrence: 2);
        var corrected = "Gamma said no deal ever. Intro. Alpha said no deal today. Beta said no deal tomorrow.";

        var match = new Reanchorer(text, corrected).Reanchor(anchor);

        Assert.Contains(match.State, new[] { AnchorState.Attached, AnchorState.Moved });
        Assert.Equal(corrected.IndexOf("no deal", StringComparison.Ordinal), match.Anchor.Start);
    }

    [Fact]
    public void Of_equally_fitting_occurrences_the_nearest_to_the_expected_position_wins()
    {
        // No context at all (prefix and suffix are empty), two identical candidates: distance decides.
        var anchor = new TextAnchor(10, 20, "0123456789", "", "");
        var oldText = new string('x', 10) + "0123456789" + new string('y', 30);
        var corrected = "0123456789" + new string('z', 18) + "0123456789" + new string('y', 10);

        var match = new Reanchorer(oldText, corrected).Reanchor(anchor);

        Assert.Equal(AnchorState.Moved, match.State);
        Assert.Equal(28, match.Anchor.Start);
    }

    [Fact]
    public void A_word_changed_inside_the_quote_gives_a_fuzzy_match_on_the_changed_words()
    {
        var anchor = AnchorOf(Original, "Putin was ready to make a deal");
        var corrected = Original.Replace("ready to make a deal", "ready to strike a deal");

        var match = new Reanchorer(Original, corrected).Reanchor(anchor);

        Assert.Equal(AnchorState.Fuzzy, match.State);
        Assert.Equal("Putin was ready to strike a deal", match.Anchor.Exact);
        Assert.InRange(match.Similarity, Reanchorer.FuzzyThreshold, 0.99);
        AssertFits(corrected, match);
    }

    [Fact]
    public void A_quote_rewritten_beyond_the_threshold_is_orphaned_with_its_old_anchor()
    {
        var anchor = AnchorOf(Original, "Putin was ready to make a deal");
        var corrected = Original.Replace("Putin was ready to make a deal", "the Kremlin wanted peace on its terms");

        var match = new Reanchorer(Original, corrected).Reanchor(anchor);

        Assert.Equal(AnchorState.Orphaned, match.State);
        Assert.Same(anchor, match.Anchor);
    }

    [Fact]
    public void A_deleted_sentence_orphans_its_quote()
    {
        var anchor = AnchorOf(Original, "Peskov said Moscow agreed.");
        var corrected = Original.Replace("Peskov said Moscow agreed. ", "");

        var match = new Reanchorer(Original, corrected).Reanchor(anchor);

        Assert.Equal(AnchorState.Orphaned, match.State);
        Assert.Equal(anchor, match.Anchor);
    }

    [Fact]
    public void A_short_quote_found_only_in_another_sentence_is_not_taken_for_the_deleted_one()
    {
        const string text = "Kyiv said no. Later, in a long interview, Moscow also said no to the plan.";
        var anchor = AnchorOf(text, "said no");
        var corrected = "Later, in a long interview, Moscow also said no to the plan.";

        var match = new Reanchorer(text, corrected).Reanchor(anchor);

        // Exact occurrence exists but shares none of the context; the fuzzy search near the old place then finds
        // that same occurrence: an editor must check it rather than trust it.
        Assert.NotEqual(AnchorState.Moved, match.State);
        Assert.NotEqual(AnchorState.Attached, match.State);
    }

    [Fact]
    public void An_anchor_orphaned_in_an_earlier_revision_is_found_again_if_its_quote_comes_back()
    {
        var anchor = AnchorOf(Original, "Peskov said Moscow agreed.");
        var withoutIt = Original.Replace("Peskov said Moscow agreed. ", "");
        var restored = Original + " Update.";

        var match = new Reanchorer(withoutIt, restored).Reanchor(anchor, intoOldText: false);

        Assert.Equal(AnchorState.Moved, match.State);
        Assert.Equal(anchor.Start, match.Anchor.Start);
        AssertFits(restored, match);
    }

    [Fact]
    public void Fuzzy_search_is_limited_to_the_window_around_the_expected_position()
    {
        var filler = string.Concat(Enumerable.Repeat("lorem ipsum dolor sit amet ", 200)); // ~5,400 characters
        var oldText = "The quote we want to find here. " + filler;
        var anchor = AnchorOf(oldText, "The quote we want to find here.");
        // The changed quote now sits far beyond the window from its old place, and its old place is gone.
        var corrected = filler + filler + "The quote we wanted to find here.";

        var match = new Reanchorer(oldText, corrected).Reanchor(anchor, intoOldText: false);

        Assert.Equal(AnchorState.Orphaned, match.State);
    }

    [Fact]
    public void Works_across_astral_characters_and_line_breaks()
    {
        const string text = "Intro 🎉 line.\nHe said \"we will win\" today.\nEnd.";
        var anchor = AnchorOf(text, "we will win");
        var corrected = "New lead 🚀🚀.\n" + text;

        var match = new Reanchorer(text, corrected).Reanchor(anchor);

        Assert.Equal(AnchorState.Attached, match.State);
        AssertFits(corrected, match);
    }

    [Theory]
    [InlineData("abc def ghi", "abc def ghi", 4, 4)]
    [InlineData("abc def ghi", "xx abc def ghi", 4, 7)]
    [InlineData("abc def ghi", "abc ghi", 8, 4)]
    [InlineData("abc def ghi", "abc XYZ ghi", 8, 8)]
    [InlineData("abc def ghi", "abc", 9, 3)]
    public void Diff_maps_old_positions_to_new_ones(string oldText, string newText, int oldPosition, int expected) =>
        Assert.Equal(expected, new TextDiff(oldText, newText).Map(oldPosition));

    [Fact]
    public void Diff_of_a_text_rewritten_beyond_its_edit_bound_still_maps_the_unchanged_start_and_end()
    {
        var words = Enumerable.Range(0, TextDiff.MaxEdits + 10).Select(i => $"w{i}").ToList();
        var oldText = "HEAD " + string.Join(' ', words) + " TAIL";
        var newText = "HEAD " + string.Join(' ', words.Select(w => w.ToUpperInvariant())) + " TAIL";

        var diff = new TextDiff(oldText, newText);

        Assert.Equal(0, diff.Map(0));
        Assert.Equal(newText.Length - 4, diff.Map(oldText.Length - 4));
    }
}
