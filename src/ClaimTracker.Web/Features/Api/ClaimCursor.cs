using System.Buffers.Text;
using System.Text;

namespace ClaimTracker.Web.Features.Api;

/// <summary>
/// Keyset paging cursor for <c>/api/claims</c>: the id of the last claim returned, wrapped so that clients treat
/// it as opaque (we may add sort keys later without breaking them).
/// </summary>
public static class ClaimCursor
{
    private const string Prefix = "claim:";

    public static string Encode(int lastId) => ApiCursor.Encode(Prefix, lastId);

    public static bool TryDecode(string cursor, out int lastId) => ApiCursor.TryDecode(Prefix, cursor, out lastId);
}

/// <summary>Keyset paging cursor for an actor's statements in <c>/api/actors/{id}</c>: the id of the last statement returned, opaque.</summary>
public static class StatementCursor
{
    private const string Prefix = "statement:";

    public static string Encode(int lastId) => ApiCursor.Encode(Prefix, lastId);

    public static bool TryDecode(string cursor, out int lastId) => ApiCursor.TryDecode(Prefix, cursor, out lastId);
}

/// <summary>An id behind a prefix that says what it pages, base64url-encoded; a cursor of one list is refused by another.</summary>
internal static class ApiCursor
{
    public static string Encode(string prefix, int lastId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(prefix + lastId));

    public static bool TryDecode(string prefix, string cursor, out int lastId)
    {
        lastId = 0;
        if (cursor.Length > 64)
        {
            return false;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, null, out lastId)
                && lastId > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
