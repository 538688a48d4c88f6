using System.Linq.Expressions;
using ClaimTracker.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace ClaimTracker.Web.Data;

/// <summary>What a save came to, before a service says it in an <see cref="EditResult{T}"/>.</summary>
public enum SaveOutcome
{
    Saved,
    /// <summary>A row changed since the version the caller expected (<see cref="RecordWrites.ExpectVersion"/>): nothing was written.</summary>
    Conflict,
    /// <summary>A unique index refused a row (<see cref="UniqueViolation"/>): someone recorded the same thing first; nothing was written.</summary>
    Duplicate,
}

/// <summary>
/// The write path every service that changes the record takes, in three steps:
/// <list type="number">
/// <item><see cref="OpenForAsync"/>: a context whose saves are signed by the author, so every history entry names them;</item>
/// <item><see cref="ExpectVersion{T}"/>: the version the page loaded must still be the stored one, checked now and again
/// by the UPDATE itself (EF's original value is what its WHERE clause compares), so a save between read and write is caught too;</item>
/// <item><see cref="SaveAsync{T}"/> (or <see cref="TrySaveAsync"/>): saves, and turns a lost race into a conflict and a
/// unique-index violation into a field error, instead of an exception.</item>
/// </list>
/// What no caller may forget (history, soft deletes, new versions) is not here but in
/// <see cref="ClaimTrackerDbContext.SaveChangesAsync(bool, CancellationToken)"/>.
/// </summary>
public static class RecordWrites
{
    /// <summary>Said when a unique index refuses a save whose caller named no field for it.</summary>
    public const string DuplicateMessage = "Someone recorded the same thing a moment ago; reload to see it.";

    /// <summary>Opens a context whose saves are signed by <paramref name="author"/>; the caller disposes it.</summary>
    public static async Task<ClaimTrackerDbContext> OpenForAsync(this IDbContextFactory<ClaimTrackerDbContext> factory, ChangeAuthor author, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        return db.SignedBy(author);
    }

    /// <summary>Signs the saves of a context made elsewhere (Identity's, in a scope of its own).</summary>
    public static ClaimTrackerDbContext SignedBy(this ClaimTrackerDbContext db, ChangeAuthor author)
    {
        db.ChangedBy = author;
        return db;
    }

    /// <summary>
    /// Whether <paramref name="record"/> is still at the <paramref name="version"/> the editor loaded. Either way the
    /// UPDATE is made to check that version rather than the one just read: the read only finds the row, the editor's
    /// copy is what must still be current.
    /// </summary>
    /// <remarks>By the property's name: <typeparamref name="T"/> may be an interface (<see cref="IAnchoredRecord"/>), whose
    /// inherited <c>Version</c> EF cannot follow in an expression.</remarks>
    public static bool ExpectVersion<T>(this ClaimTrackerDbContext db, T record, Guid version) where T : class, IEditableRecord =>
        Expect(db.Entry((object)record).Property(nameof(IEditableRecord.Version)), version);

    /// <summary>
    /// <see cref="ExpectVersion{T}"/> for a record whose concurrency token is another property (a source's revision number).
    /// </summary>
    public static bool Expect<TEntity, TToken>(this ClaimTrackerDbContext db, TEntity entity, Expression<Func<TEntity, TToken>> token, TToken expected)
        where TEntity : class =>
        Expect(db.Entry(entity).Property(token), expected);

    private static bool Expect<TToken>(PropertyEntry property, TToken expected)
    {
        var stored = property.CurrentValue;
        property.OriginalValue = expected;
        return Equals(stored, expected);
    }

    /// <summary>
    /// Finds the record an editor changes (<paramref name="rows"/>, one row, in this signed context) and lets
    /// <paramref name="change"/> change and save it only if it is still at the <paramref name="version"/> they loaded.
    /// Otherwise nothing is changed: no such record is Missing; one changed meanwhile, or deleted (rows read past the
    /// soft-delete filter: an edit would bring it back unseen), is a conflict showing it as stored (<paramref name="asStored"/>).
    /// </summary>
    public static async Task<EditResult<TView>> EditAsync<T, TView>(this ClaimTrackerDbContext db, IQueryable<T> rows, Guid version,
        Func<T, TView> asStored, Func<T, Task<EditResult<TView>>> change, CancellationToken ct)
        where T : class, IEditableRecord where TView : class
    {
        var record = await rows.SingleOrDefaultAsync(ct);
        if (record is null)
        {
            return EditResult<TView>.Missing();
        }
        if (record.IsDeleted || !db.ExpectVersion(record, version))
        {
            return EditResult<TView>.Conflict(asStored(record));
        }
        return await change(record);
    }

    /// <summary>Saves; a lost race or a unique-index violation is an outcome, anything else still an exception.</summary>
    public static async Task<SaveOutcome> TrySaveAsync(this ClaimTrackerDbContext db, CancellationToken ct = default)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return SaveOutcome.Saved;
        }
        catch (DbUpdateException ex) when (FailedAs(ex) is { } outcome)
        {
            return outcome;
        }
    }

    /// <summary>What a failed save came to, when it is an outcome and not an error: a lost race or a unique-index violation.</summary>
    private static SaveOutcome? FailedAs(DbUpdateException ex) =>
        ex is DbUpdateConcurrencyException ? SaveOutcome.Conflict : UniqueViolation.Is(ex) ? SaveOutcome.Duplicate : null;

    /// <summary>
    /// Saves, and says how it went: on success, what <paramref name="onSaved"/> returns (it runs only then, so it is also
    /// where a service tells open pages about the change); on a conflict, <paramref name="current"/> (the record as the
    /// other editor left it, read afresh); on a unique-index violation, <paramref name="duplicateMessage"/> beside
    /// <paramref name="duplicateField"/>.
    /// </summary>
    public static Task<EditResult<T>> SaveAsync<T>(this ClaimTrackerDbContext db, Func<T?> onSaved, Func<Task<T?>> current, CancellationToken ct,
        string duplicateField = "", string duplicateMessage = DuplicateMessage) where T : class =>
        db.SaveAsync(() => Task.FromResult(onSaved()), current, ct, duplicateField, duplicateMessage);

    /// <inheritdoc cref="SaveAsync{T}(ClaimTrackerDbContext, Func{T}, Func{Task{T}}, CancellationToken, string, string)"/>
    public static async Task<EditResult<T>> SaveAsync<T>(this ClaimTrackerDbContext db, Func<Task<T?>> onSaved, Func<Task<T?>> current, CancellationToken ct,
        string duplicateField = "", string duplicateMessage = DuplicateMessage) where T : class
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (FailedAs(ex) is { } outcome)
        {
            return outcome == SaveOutcome.Conflict ? EditResult<T>.Conflict(await current()) : EditResult<T>.Invalid(duplicateField, duplicateMessage);
        }
        return EditResult<T>.Saved(await onSaved());
    }
}
