using System.Text.Json.Nodes;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data.Seeding;

namespace ClaimTracker.Tests.Data;

/// <summary>Each test corrupts one thing in a copy of the real seed and checks the loader names the bad entry.</summary>
public class SeedLoaderTests
{
    private const string SourceKey = "reuters-ukraine-peace-talks";

    [Fact]
    public void An_unchanged_copy_loads()
    {
        using var seed = new SeedCopy().Save();

        var loaded = SeedLoader.Load(seed.Path);

        Assert.Equal(TestSeeds.Document.Attributions.Count, loaded.Document.Attributions.Count);
    }

    [Fact]
    public void Shifted_offsets_are_reported_with_the_attribution_key()
    {
        using var seed = new SeedCopy();
        var entry = seed.Attribution("trump-putin-ready");
        entry["start"] = (int)entry["start"]! + 1;
        entry["end"] = (int)entry["end"]! + 1;
        seed.Save();

        var ex = seed.LoadFails();

        var problem = Assert.Single(ex.Problems);
        Assert.Contains($"attributions[{seed.IndexOf("attributions", "trump-putin-ready")}] 'trump-putin-ready'", problem);
        Assert.Contains("\"ready to make a deal\" does not occur", problem);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void A_quote_that_is_not_at_its_offsets_is_reported()
    {
        using var seed = new SeedCopy();
        seed.Attribution("gabbard-questions-assessment")["quote"] = "an assessment publicly endorsed at the time by Director of National Intelligence Tulsi Gabbard";
        seed.Save();

        var problem = Assert.Single(seed.LoadFails().Problems);

        Assert.Contains("'gabbard-questions-assessment'", problem);
        Assert.Contains("does not occur", problem);
    }

    [Fact]
    public void A_span_beyond_the_end_of_the_text_is_reported()
    {
        using var seed = new SeedCopy();
        var entry = seed.Attribution("trump-davos-meeting");
        entry["end"] = (int)entry["end"]! + 5;
        seed.Save();

        var problem = Assert.Single(seed.LoadFails().Problems);

        Assert.Contains("'trump-davos-meeting'", problem);
        Assert.Contains("outside the text", problem);
    }

    [Fact]
    public void A_wrong_prefix_is_reported()
    {
        using var seed = new SeedCopy();
        seed.Attribution("trump-hard-time")["prefix"] = "something else entirely precedes";
        seed.Save();

        var problem = Assert.Single(seed.LoadFails().Problems);

        Assert.Contains("'trump-hard-time'", problem);
        Assert.Contains("prefix", problem);
    }

    [Fact]
    public void Bad_relation_evidence_offsets_are_reported_with_the_relation_key()
    {
        using var seed = new SeedCopy();
        var evidence = seed.Entry("relations", "withdrawal-supports-donbas")["evidence"]!;
        evidence["start"] = (int)evidence["start"]! - 3;
        evidence["end"] = (int)evidence["end"]! - 3;
        seed.Save();

        var problem = Assert.Single(seed.LoadFails().Problems);

        Assert.Contains($"relations[{seed.IndexOf("relations", "withdrawal-supports-donbas")}] 'withdrawal-supports-donbas' evidence", problem);
        Assert.Contains("does not occur", problem);
    }

    [Fact]
    public void An_unknown_actor_is_reported_with_the_attribution_key_and_the_unknown_actor()
    {
        using var seed = new SeedCopy();
        seed.Attribution("trump-putin-ready")["actor"] = "kamala-nobody";
        seed.Save();

        var problem = Assert.Single(seed.LoadFails().Problems);

        Assert.Contains("'trump-putin-ready'", problem);
        Assert.Contains("unknown actor 'kamala-nobody'", problem);
    }

    [Theory]
    [InlineData("attributions", "reportedBy", "unknown actor")]
    [InlineData("attributions", "claim", "unknown claim")]
    [InlineData("attributions", "source", "unknown source")]
    public void Other_unknown_references_of_an_attribution_are_reported(string section, string field, string expected)
    {
        using var seed = new SeedCopy();
        seed.Entry(section, "us-intelligence-putin-aims")[field] = "no-such-thing";
        seed.Save();

        var ex = seed.LoadFails();

        Assert.Contains(ex.Problems, p => p.Contains("'us-intelligence-putin-aims'") && p.Contains($"{field} refers to {expected} 'no-such-thing'"));
    }

    [Fact]
    public void An_unknown_claim_subject_is_reported_with_the_claim_key()
    {
        using var seed = new SeedCopy();
        seed.Entry("claims", "putin-ready-for-deal")["subjects"] = new JsonArray("vladimir-putin", "vlad");
        seed.Save();

        var problem = Assert.Single(seed.LoadFails().Problems);

        Assert.Contains("'putin-ready-for-deal'", problem);
        Assert.Contains("unknown actor 'vlad'", problem);
    }

    [Theory]
    [InlineData("attributions", "trump-putin-ready", "stance", "Shouts")]
    [InlineData("attributions", "trump-putin-ready", "stance", "2")]
    [InlineData("attributions", "trump-putin-ready", "mode", "Whispered")]
    [InlineData("actors", "tulsi-gabbard", "kind", "Celebrity")]
    [InlineData("claims", "putin-ready-for-deal", "status", "Debunked")]
    [InlineData("relations", "objectives-contradict-ready", "type", "Refutes")]
    // Enum.TryParse reads "A,B" as a flags combination: Questions|Doubts is 7, which is no Stance at all.
    [InlineData("attributions", "gabbard-questions-assessment", "stance", "Questions,Doubts")]
    // ... and Asserts|Denies is Denies: the seed would silently store the opposite of what it seems to say.
    [InlineData("attributions", "trump-putin-ready", "stance", "Asserts, Denies")]
    public void A_bad_enum_value_is_reported_with_the_entry_key_and_the_value(string section, string key, string field, string value)
    {
        using var seed = new SeedCopy();
        seed.Entry(section, key)[field] = value;
        seed.Save();

        var ex = Assert.Throws<SeedDataException>(() => SeedLoader.Load(seed.Path));

        var problem = Assert.Single(ex.Problems);
        Assert.Contains($"{section}[{seed.IndexOf(section, key)}] '{key}'", problem);
        Assert.Contains($"{field} \"{value}\" is not one of", problem);
    }

    [Fact]
    public void A_wrong_content_hash_is_reported_with_the_source_key()
    {
        using var seed = new SeedCopy();
        var wrong = new string('0', 64);
        seed.Entry("sources", SourceKey)["contentHash"] = wrong;
        seed.Save();

        var problem = Assert.Single(seed.LoadFails().Problems);

        Assert.Contains($"sources[0] '{SourceKey}'", problem);
        Assert.Contains($"does not match contentHash {wrong}", problem);
    }

    [Fact]
    public void An_edited_article_text_no_longer_matches_its_content_hash()
    {
        using var seed = new SeedCopy().Save();
        var path = seed.TextFile(SourceKey);
        File.WriteAllText(path, File.ReadAllText(path).Replace("Oval Office", "Oval office", StringComparison.Ordinal));

        var ex = seed.LoadFails();

        Assert.Contains(ex.Problems, p => p.Contains($"'{SourceKey}'") && p.Contains("does not match contentHash"));
    }

    [Fact]
    public void A_missing_text_file_is_reported_once_with_the_source_key_and_file_name()
    {
        using var seed = new SeedCopy().Save();
        File.Delete(seed.TextFile(SourceKey));

        var ex = seed.LoadFails();

        // The anchors into the missing text are not reported again.
        var problem = Assert.Single(ex.Problems);
        Assert.Contains($"'{SourceKey}'", problem);
        Assert.Contains("\"reuters-2026-01-15-ukraine-peace-talks.txt\" was not found", problem);
    }

    [Fact]
    public void A_missing_seed_file_is_reported()
    {
        using var empty = new TempDirectory();

        var ex = Assert.Throws<SeedDataException>(() => SeedLoader.Load(empty.Path));

        Assert.Contains(SeedLoader.SeedFileName, ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_line()
    {
        using var seed = new SeedCopy().Save();
        var lines = File.ReadAllLines(seed.SeedFile);
        // Drop the comma after the outlet: the parser stops at the next line.
        var outletLine = Array.FindIndex(lines, l => l.Contains("\"outlet\": \"Reuters\","));
        lines[outletLine] = lines[outletLine].TrimEnd(',');
        File.WriteAllLines(seed.SeedFile, lines);

        var ex = seed.LoadFails();

        var problem = Assert.Single(ex.Problems);
        Assert.Contains($"(line {outletLine + 2})", problem);
        Assert.Contains(seed.SeedFile, ex.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_with_its_json_path()
    {
        using var seed = new SeedCopy();
        seed.Attribution("trump-putin-ready")["start"] = "one hundred and seventy-one";
        seed.Save();

        var problem = Assert.Single(seed.LoadFails().Problems);

        Assert.Contains($"$.attributions[{seed.IndexOf("attributions", "trump-putin-ready")}].start", problem);
    }

    [Fact]
    public void A_missing_required_field_is_reported()
    {
        using var seed = new SeedCopy();
        seed.Attribution("trump-putin-ready").Remove("quote");
        seed.Save();

        var problem = Assert.Single(seed.LoadFails().Problems);

        Assert.Contains($"$.attributions[{seed.IndexOf("attributions", "trump-putin-ready")}]", problem);
        Assert.Contains("quote", problem);
    }

    [Fact]
    public void A_duplicate_key_is_reported()
    {
        using var seed = new SeedCopy();
        seed.Entry("claims", "zelensky-hesitating")["key"] = "putin-ready-for-deal";
        seed.Save();

        var ex = seed.LoadFails();

        Assert.Contains(ex.Problems, p => p.Contains("'putin-ready-for-deal': the key is used twice"));
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        using var seed = new SeedCopy();
        seed.Attribution("trump-putin-ready")["actor"] = "nobody";
        seed.Attribution("peskov-open-to-talks")["mode"] = "Telepathy";
        seed.Save();

        var ex = seed.LoadFails();

        Assert.Equal(2, ex.Problems.Count);
        Assert.Contains("(2 problems)", ex.Message);
        Assert.Contains("'trump-putin-ready'", ex.Message);
        Assert.Contains("'peskov-open-to-talks'", ex.Message);
    }
}
