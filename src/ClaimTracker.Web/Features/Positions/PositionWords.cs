using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Positions;

/// <summary>How the position pages say what someone did: "asserted on 2 Feb 2026 … denied on 3 Mar 2026".</summary>
public static class PositionWords
{
    public static string Past(this Stance stance) => stance switch
    {
        Stance.Asserts => "asserted",
        Stance.Endorses => "agreed",
        Stance.Denies => "denied",
        Stance.Questions => "questioned",
        Stance.Doubts => "doubted",
        _ => stance.ToString().ToLowerInvariant(),
    };

    /// <summary>The reversal in one line: "Asserted on 16 Feb 2026 … denied on 3 Mar 2026."</summary>
    public static string Summary(this ReversalFlag flag)
    {
        var earlier = $"{Capitalised(flag.Earlier.Statement.Stance.Past())} {flag.Earlier.When.OnDate}";
        var later = flag.Kind == ReversalKind.StanceChanged
            ? $"{flag.Later.Statement.Stance.Past()} {flag.Later.When.OnDate}"
            : $"{flag.Later.Statement.Stance.Past()} a contradicting claim {flag.Later.When.OnDate}";
        return $"{earlier} … {later}.";
    }

    public static string KindLabel(this ReversalKind kind) => kind switch
    {
        ReversalKind.StanceChanged => "changed sides on a claim",
        _ => "backed two contradicting claims",
    };

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
