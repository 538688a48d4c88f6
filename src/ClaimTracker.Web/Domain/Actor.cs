namespace ClaimTracker.Web.Domain;

/// <summary>Anyone who takes positions: a person, a government, an agency, a group of officials, an outlet.</summary>
public class Actor : IEditableRecord
{
    public int Id { get; set; }

    /// <summary>Stable key from the seed or an import, so re-seeding finds what is already there.</summary>
    public required string Key { get; set; }

    public required string Name { get; set; }
    public ActorKind Kind { get; set; }

    /// <summary>The role at the time of the statements ("Director of National Intelligence").</summary>
    public string? Role { get; set; }

    public string? Country { get; set; }

    /// <summary>Other names the texts use ("Moscow", "the Kremlin").</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>Optimistic concurrency token; SQLite has no rowversion, so the app renews it on every save.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsDeleted { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
    public string? DeletedBy { get; set; }

    public List<Attribution> Attributions { get; set; } = [];
    public List<Claim> SubjectOf { get; set; } = [];
}
