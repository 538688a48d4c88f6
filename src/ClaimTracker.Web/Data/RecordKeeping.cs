using System.Text.Json;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ClaimTracker.Web.Data;

/// <summary>
/// What saving a change to the record involves, done in one place so that no service can forget it:
/// <list type="bullet">
/// <item>a hard delete becomes a soft delete (nothing the app does destroys data);</item>
/// <item>every modified record gets a new <see cref="IEditableRecord.Version"/>, while the old one stays the
/// concurrency check in the UPDATE's WHERE clause, so a save against a stale copy is refused;</item>
/// <item>every created, updated, deleted or restored record gets one <see cref="AuditEntry"/> with before and after.</item>
/// </list>
/// </summary>
public static class RecordKeeping
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A history entry waiting for the save that gives a created record its id.</summary>
    public sealed class PendingEntry(EntityEntry entry, AuditAction action, string? before, ChangeAuthor author, DateTimeOffset at)
    {
        public AuditEntry Complete()
        {
            var record = (IEditableRecord)entry.Entity;
            return author.Entry(entry.Metadata.ClrType.Name, record.Id, action, at, before,
                after: action == AuditAction.Deleted ? null : Snapshot(entry, current: true), claimId: ClaimOf(entry.Entity));
        }
    }

    public static List<PendingEntry> Prepare(ClaimTrackerDbContext db)
    {
        var now = DateTimeOffset.UtcNow;
        var pending = new List<PendingEntry>();
        foreach (var entry in db.ChangeTracker.Entries<IEditableRecord>().ToList())
        {
            var record = entry.Entity;
            if (entry.State == EntityState.Deleted)
            {
                entry.State = EntityState.Modified;
                record.IsDeleted = true;
                foreach (var owned in entry.References.Select(r => r.TargetEntry).Where(t => t is { State: EntityState.Deleted } && t.Metadata.IsOwned()))
                {
                    owned!.State = EntityState.Unchanged; // the record stays, so its owned parts (e.g. its anchor) stay too
                }
            }

            AuditAction action;
            switch (entry.State)
            {
                case EntityState.Added:
                    action = AuditAction.Created;
                    break;
                case EntityState.Modified:
                // Only its owned part replaced (a statement's span moved, nothing else): a change all the same, with its
                // history entry and a new version. EF leaves the owner itself unchanged then.
                case EntityState.Unchanged when OwnedPartChanged(entry):
                    var wasDeleted = (bool)entry.Property(nameof(IEditableRecord.IsDeleted)).OriginalValue!;
                    action = (wasDeleted, record.IsDeleted) switch
                    {
                        (false, true) => AuditAction.Deleted,
                        (true, false) => AuditAction.Restored,
                        _ => AuditAction.Updated,
                    };
                    if (action == AuditAction.Deleted)
                    {
                        record.DeletedAt = now;
                        record.DeletedBy = db.ChangedBy.UserName;
                    }
                    else if (action == AuditAction.Restored)
                    {
                        record.DeletedAt = null;
                        record.DeletedBy = null;
                    }
                    else if (!HasRealChange(entry))
                    {
                        continue; // marked modified with nothing changed: no new version, no history
                    }
                    record.Version = Guid.NewGuid();
                    break;
                default:
                    continue;
            }
            var before = action == AuditAction.Created ? null : Snapshot(entry, current: false);
            pending.Add(new PendingEntry(entry, action, before, db.ChangedBy, now));
        }
        return pending;
    }

    private static bool HasRealChange(EntityEntry entry) =>
        entry.Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)) || OwnedPartChanged(entry);

    private static bool OwnedPartChanged(EntityEntry entry) =>
        entry.References.Any(r => r.TargetEntry is { } owned && owned.Metadata.IsOwned()
            && (owned.State is EntityState.Added or EntityState.Deleted || owned.Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))));

    /// <summary>The record's scalar values (and those of owned parts such as its text anchor) as a JSON object.</summary>
    private static string Snapshot(EntityEntry entry, bool current)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in entry.Properties.Where(p => !p.Metadata.IsShadowProperty() || p.Metadata.IsForeignKey()))
        {
            values[property.Metadata.Name] = current ? property.CurrentValue : property.OriginalValue;
        }
        foreach (var navigation in entry.Metadata.GetNavigations().Where(n => !n.IsCollection && n.TargetEntityType.IsOwned()))
        {
            var owned = current ? entry.Reference(navigation.Name).TargetEntry : OriginalOwned(entry, navigation);
            foreach (var property in owned?.Properties.Where(p => !p.Metadata.IsPrimaryKey()) ?? [])
            {
                values[$"{navigation.Name}.{property.Metadata.Name}"] = current ? property.CurrentValue : property.OriginalValue;
            }
        }
        return JsonSerializer.Serialize(values, Json);
    }

    /// <summary>
    /// The owned part (a text anchor) as it was before the change. Owned values are replaced, not mutated, so the part the
    /// record holds now is a new, added entry whose "original" values are the new ones; the old one is tracked as deleted,
    /// under the owner's key. Without this, the history's "before" of a moved quote would be the quote it moved to.
    /// </summary>
    private static EntityEntry? OriginalOwned(EntityEntry owner, INavigation navigation)
    {
        var target = owner.Reference(navigation.Name).TargetEntry;
        if (target is not null && target.State != EntityState.Added)
        {
            return target;
        }
        var foreignKey = navigation.ForeignKey;
        return owner.Context.ChangeTracker.Entries().FirstOrDefault(e => e.State == EntityState.Deleted
            && e.Metadata == navigation.TargetEntityType
            && foreignKey.Properties.Select((p, i) => Equals(e.Property(p.Name).OriginalValue, owner.Property(foreignKey.PrincipalKey.Properties[i].Name).CurrentValue)).All(same => same));
    }

    private static int? ClaimOf(object entity) => entity switch
    {
        Claim c => c.Id,
        Attribution a => a.ClaimId,
        ClaimRelation r => r.FromClaimId,
        Annotation n => n.ClaimId ?? n.Attribution?.ClaimId,
        Verdict v => v.ClaimId,
        _ => null,
    };
}
