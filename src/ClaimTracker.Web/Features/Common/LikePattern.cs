namespace ClaimTracker.Web.Features.Common;

/// <summary>SQL LIKE patterns from user input, escaped with <c>\</c> so a typed % or _ means itself.</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Containing(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
