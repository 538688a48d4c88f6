namespace ClaimTracker.Web.Data.Seeding;

// The shape of seeds/claimtracker.seed.json. Enum-like fields are plain strings here so that a bad value
// is reported by the validator with the entry's key, rather than as a bare deserialisation error.

public sealed record SeedDocument(
    List<SeedSource> Sources,
    List<SeedActor> Actors,
    List<SeedClaim> Claims,
    List<SeedAttribution> Attributions,
    List<SeedRelation> Relations);

public sealed record SeedSource(
    string Key,
    string Outlet,
    string Title,
    string PublishedOn,
    string? Url,
    string TextFile,
    string? ContentHash);

public sealed record SeedActor(
    string Key,
    string Name,
    string Kind,
    string? Role,
    string? Country,
    List<string>? Aliases);

public sealed record SeedClaim(
    string Key,
    string Text,
    List<string>? Topics,
    string? Status,
    List<string>? Subjects);

public sealed record SeedAttribution(
    string Key,
    string Actor,
    string Claim,
    string Source,
    string Stance,
    string Mode,
    string Quote,
    int Start,
    int End,
    string Prefix,
    string Suffix,
    string? SaidWhen,
    string? SaidWhere,
    string? ReportedVia,
    string? ReportedBy);

public sealed record SeedRelation(
    string Key,
    string From,
    string Type,
    string To,
    string Rationale,
    SeedSpan? Evidence);

public sealed record SeedSpan(string Source, string Quote, int Start, int End, string Prefix, string Suffix);
