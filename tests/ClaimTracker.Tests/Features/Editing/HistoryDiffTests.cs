using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Editing;

namespace ClaimTracker.Tests.Features.Editing;

public class HistoryDiffTests
{
    [Fact]
    public void An_update_shows_only_the_fields_that_changed_with_enum_names()
    {
        var before = """{"Id":3,"Version":"a","Rationale":"Old.","Type":0,"FromClaimId":1}""";
        var after = """{"Id":3,"Version":"b","Rationale":"New.","Type":2,"FromClaimId":1}""";

        var changes = HistoryDiff.Changes(AuditAction.Updated, before, after, nameof(ClaimRelation));

        Assert.Equal([new FieldChange("Rationale", "Old.", "New."), new FieldChange("Type", "Contradicts", "Qualifies")], changes.OrderBy(c => c.Field));
    }

    [Fact]
    public void A_reanchored_statement_shows_its_anchor_state_by_name()
    {
        var before = """{"Id":5,"AnchorState":0,"AnchorRevision":1}""";
        var after = """{"Id":5,"AnchorState":3,"AnchorRevision":1}""";

        var changes = HistoryDiff.Changes(AuditAction.Updated, before, after, nameof(Attribution));

        var change = Assert.Single(changes);
        Assert.Equal((nameof(AnchorState.Attached), nameof(AnchorState.Orphaned)), (change.Before, change.After));
    }

    [Fact]
    public void Deleting_and_restoring_list_no_fields_and_a_creation_lists_what_was_set()
    {
        Assert.Empty(HistoryDiff.Changes(AuditAction.Deleted, """{"Text":"x"}""", null, nameof(Claim)));
        Assert.Empty(HistoryDiff.Changes(AuditAction.Restored, """{"IsDeleted":true}""", """{"IsDeleted":false}""", nameof(Claim)));
        var created = HistoryDiff.Changes(AuditAction.Created, null, """{"Text":"x","Topics":["a","b"],"DeletedBy":null}""", nameof(Claim));
        Assert.Equal([new FieldChange("Text", null, "x"), new FieldChange("Topics", null, "a, b")], created.OrderBy(c => c.Field));
    }

    [Theory]
    [InlineData("{\"Body\": [[[[")]
    [InlineData("not json at all")]
    [InlineData("[1, 2]")]
    public void Values_that_cannot_be_read_are_said_to_be_unreadable_instead_of_failing_the_history(string damaged)
    {
        var changes = HistoryDiff.Changes(AuditAction.Updated, """{"Body":"Before."}""", damaged, nameof(Annotation));

        Assert.Contains(new FieldChange("Unreadable", null, "(these values cannot be read)"), changes);
        Assert.Null(HistoryDiff.Summary(damaged));
    }
}
