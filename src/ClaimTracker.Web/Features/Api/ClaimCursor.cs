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

    public static string Encode(int lastId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + lastId));

    public static bool TryDecode(string cursor, out int lastId)
    {
        lastId = 0;
        if (cursor.Length > 64)
        {
            return false;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), System.Globalization.NumberStyles.None, null, out lastId)
                && lastId > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
