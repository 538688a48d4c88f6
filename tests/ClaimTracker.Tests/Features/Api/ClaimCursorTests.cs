using System.Text;
using ClaimTracker.Web.Features.Api;

namespace ClaimTracker.Tests.Features.Api;

public class ClaimCursorTests
{
    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(1_000_000)]
    [InlineData(int.MaxValue)]
    public void A_cursor_decodes_to_the_id_it_was_made_from(int id)
    {
        var cursor = ClaimCursor.Encode(id);

        Assert.True(ClaimCursor.TryDecode(cursor, out var decoded));
        Assert.Equal(id, decoded);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public void A_cursor_is_safe_in_a_query_string_and_does_not_show_the_id(int id)
    {
        var cursor = ClaimCursor.Encode(id);

        Assert.Matches("^[A-Za-z0-9_-]+$", cursor);
        Assert.DoesNotContain(id.ToString(System.Globalization.CultureInfo.InvariantCulture), cursor);
    }

    public static TheoryData<string> Garbage() => new(
        "",
        "garbage",
        "!!!!",
        "Y",
        "%2F%2F",
        Base64Url("claim:"),
        Base64Url("claim:0"),
        Base64Url("claim:-3"),
        Base64Url("claim:+3"),
        Base64Url("claim: 3"),
        Base64Url("claim:3 "),
        Base64Url("claim:3x"),
        Base64Url("claim:1e3"),
        Base64Url("claim:99999999999"),
        Base64Url("Claim:3"),
        Base64Url("actor:3"),
        Base64Url("3"),
        Base64Url("claim:" + new string('0', 60) + "7"));

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Anything_the_api_did_not_issue_is_rejected(string cursor)
    {
        Assert.False(ClaimCursor.TryDecode(cursor, out var id));
        Assert.Equal(0, id);
    }

    [Fact]
    public void The_wire_format_is_base64url_of_the_prefixed_id()
    {
        // Clients may have stored cursors: the format must not drift silently.
        Assert.Equal(Base64Url("claim:17"), ClaimCursor.Encode(17));
        Assert.True(ClaimCursor.TryDecode(Base64Url("claim:17"), out var id));
        Assert.Equal(17, id);
    }
}
