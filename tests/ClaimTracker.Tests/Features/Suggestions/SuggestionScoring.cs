using System.Globalization;
using System.Text;
using ClaimTracker.Web.Features.Suggestions;

namespace ClaimTracker.Tests.Features.Suggestions;

/// <summary>
/// A hand-made attribution the engine should find: a known actor (by id) or a name no known actor has. <see cref="ClaimText"/>
/// is the claim an editor would accept for it, where one was written (or the text of the known claim it names);
/// <see cref="Role"/> is the office the text gives an actor no known actor stands for ("Transport Minister").
/// </summary>
public sealed record ExpectedAttribution(string Key, int? ActorId, string ActorName, string Stance, string Mode, int Start, int End, string Exact, int? ClaimId,
    string? ClaimText = null, string? Role = null);

/// <summary>
/// Scores suggestions against hand-made attributions. An expected attribution is found when a suggestion has the same
/// actor (the same id; for an actor no one knows, the same name or surname) and a span that overlaps it.
/// Recall = found / expected; precision = suggestions that match some expected attribution / suggestions. An expected
/// actor with a role must be named exactly, without the title, and carry that role.
/// Claim texts unedited = of the suggestions matching an expected attribution that has a claim text, those whose claim
/// is that text (case, punctuation and spacing aside): what an editor could accept without retyping.
/// </summary>
public sealed class SuggestionScore
{
    public required IReadOnlyList<ExpectedAttribution> Expected { get; init; }
    public required IReadOnlyList<SuggestedAttribution> Suggested { get; init; }

    public IReadOnlyList<ExpectedAttribution> Found => Expected.Where(e => Suggested.Any(s => Matches(s, e))).ToList();
    public IReadOnlyList<ExpectedAttribution> Missed => Expected.Where(e => !Suggested.Any(s => Matches(s, e))).ToList();
    public IReadOnlyList<SuggestedAttribution> FalsePositives => Suggested.Where(s => !Expected.Any(e => Matches(s, e))).ToList();

    public double Recall => Expected.Count == 0 ? 1 : (double)Found.Count / Expected.Count;
    public double Precision => Suggested.Count == 0 ? 0 : (double)(Suggested.Count - FalsePositives.Count) / Suggested.Count;

    /// <summary>Of the found attributions that name a claim, how many have a matching suggestion proposing that claim.</summary>
    public (int Proposed, int OutOf) ClaimProposals
    {
        get
        {
            var withClaim = Found.Where(e => e.ClaimId is not null).ToList();
            var proposed = withClaim.Count(e => Suggested.Any(s => Matches(s, e) && s.ClaimId == e.ClaimId));
            return (proposed, withClaim.Count);
        }
    }

    /// <summary>
    /// Matched suggestions whose claim text is the expected one, out of the matched suggestions that have one to
    /// compare with. A suggestion is compared with the expected attribution it overlaps most (the same mode first).
    /// </summary>
    public (int Unedited, int OutOf) ClaimTexts
    {
        get
        {
            var (unedited, outOf) = (0, 0);
            foreach (var s in Suggested)
            {
                if (Counterpart(s) is { ClaimText: { } expected })
                {
                    outOf++;
                    unedited += Normalised(s.Claim) == Normalised(expected) ? 1 : 0;
                }
            }
            return (unedited, outOf);
        }
    }

    /// <summary>The expected attribution a suggestion stands for: the one it overlaps most, the same mode first.</summary>
    public ExpectedAttribution? Counterpart(SuggestedAttribution s) => Expected.Where(e => Matches(s, e))
        .OrderByDescending(e => e.Mode == s.Mode.ToString())
        .ThenByDescending(e => Math.Min(e.End, s.End) - Math.Max(e.Start, s.Start))
        .FirstOrDefault();

    /// <summary>Lower case, letters, digits and single spaces: "Jensen has been patient." = "jensen has been patient".</summary>
    public static string Normalised(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.Replace('’', '\'').ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                sb.Append(c);
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }
        return sb.ToString().Trim();
    }

    public static bool Matches(SuggestedAttribution s, ExpectedAttribution e) =>
        SameActor(s, e) && s.Start < e.End && e.Start < s.End;

    private static bool SameActor(SuggestedAttribution s, ExpectedAttribution e)
    {
        if (e.ActorId is not null)
        {
            return s.ActorId == e.ActorId;
        }
        if (s.ActorId is not null)
        {
            return false;
        }
        if (e.Role is not null)
        {
            // "Transport Minister Jonas Berg" is Jonas Berg, Transport Minister: the title belongs in the role, not the name.
            return string.Equals(s.Actor.Trim(), e.ActorName.Trim(), StringComparison.OrdinalIgnoreCase)
                   && string.Equals(s.ActorRole?.Trim(), e.Role.Trim(), StringComparison.OrdinalIgnoreCase);
        }
        var a = s.Actor.Trim().ToLowerInvariant();
        var b = e.ActorName.Trim().ToLowerInvariant();
        return a == b || a.Contains(b) || b.Contains(a) || a.Split(' ')[^1] == b.Split(' ')[^1];
    }

    public string Report(string title)
    {
        var sb = new StringBuilder();
        var (proposed, outOf) = ClaimProposals;
        var (unedited, compared) = ClaimTexts;
        var share = compared == 0 ? "-" : ((double)unedited / compared).ToString("0.000", CultureInfo.InvariantCulture);
        sb.AppendLine(CultureInfo.InvariantCulture, $"== {title} ==");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"recall {Recall:0.000} ({Found.Count}/{Expected.Count})   precision {Precision:0.000} ({Suggested.Count - FalsePositives.Count}/{Suggested.Count})   claim proposed for {proposed}/{outOf} found attributions that name a claim   claim text unedited {share} ({unedited}/{compared})");
        sb.AppendLine("-- missed (expected, no suggestion with that actor overlapping):");
        foreach (var e in Missed)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"   {e.Key,-40} {e.ActorName,-32} {e.Stance,-9} {e.Mode,-11} [{e.Start},{e.End}) {Clip(e.Exact)}");
        }
        sb.AppendLine("-- false positives (suggested, matching no expected attribution):");
        foreach (var s in FalsePositives)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"   {s.Actor,-32} {s.Stance,-9} {s.Mode,-11} [{s.Start},{s.End}) {Clip(s.Quote)}   cue: {s.Cue}");
        }
        sb.AppendLine("-- claim proposals for found attributions that name a claim:");
        foreach (var e in Found.Where(e => e.ClaimId is not null))
        {
            var best = Suggested.Where(s => Matches(s, e)).OrderByDescending(s => s.ClaimId == e.ClaimId).First();
            var mark = best.ClaimId == e.ClaimId ? "ok  " : "MISS";
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"   {mark} {e.Key,-40} expected claim {e.ClaimId}, proposed {(best.ClaimId?.ToString(CultureInfo.InvariantCulture) ?? "new")} ({best.Similarity?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"}): {Clip(best.Claim)}");
        }
        sb.AppendLine("-- claim texts that would need editing (suggested => expected):");
        foreach (var s in Suggested)
        {
            if (Counterpart(s) is { ClaimText: { } expected } e && Normalised(s.Claim) != Normalised(expected))
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"   {e.Key,-6} {Clip(s.Claim)}\n          => {Clip(expected)}");
            }
        }
        sb.AppendLine("-- all suggestions:");
        foreach (var s in Suggested)
        {
            var mark = Expected.Any(e => Matches(s, e)) ? "   " : " x ";
            var actor = s.ActorRole is null ? s.Actor : $"{s.Actor} ({s.ActorRole})";
            sb.AppendLine(CultureInfo.InvariantCulture, $"{mark}{actor,-32} {s.Stance,-9} {s.Mode,-11} [{s.Start},{s.End}) {Clip(s.Quote)}  => {Clip(s.Claim)}");
        }
        return sb.ToString();
    }

    private static string Clip(string s) => s.Length <= 110 ? s : s[..107] + "...";
}
