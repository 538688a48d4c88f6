using System.Globalization;
using System.Text;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Editing;
using ClaimTracker.Web.Features.Importing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClaimTracker.Tests.Data;

/// <summary>
/// One line the writer prints once a save has reported success: <c>saved &lt;kind&gt; &lt;id&gt; &lt;marker&gt;</c>. The marker
/// is a word written into the saved record (a note's body, a claim's text, a statement's "said where", a relation's
/// rationale, a source's title), unique to that save, so the record can be found and told from any other afterwards.
/// Edits append to what was there, so an edit that committed but never reported keeps the earlier markers findable.
/// </summary>
public sealed record ConfirmedSave(string Kind, int Id, string Marker)
{
    public const string Prefix = "saved ";

    public override string ToString() => $"{Prefix}{Kind} {Id.ToString(CultureInfo.InvariantCulture)} {Marker}";

    public static ConfirmedSave? Parse(string line)
    {
        var parts = line.Split(' ');
        return parts is ["saved", var kind, var id, var marker] && int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? new ConfirmedSave(kind, n, marker)
            : null;
    }
}

/// <summary>
/// The child process of <see cref="CrashDurabilityTests"/>: the app's services over a migrated and seeded database file
/// (<see cref="WriterServices"/>), and three writers saving through them at once (notes; claims, statements and
/// relations; imports) until the parent kills the process. Prints a <see cref="ConfirmedSave"/> line, flushed, after each
/// save the service reported as saved, and <c>ready</c> once every writer has gone once through all it does: from then
/// on the code is compiled and saves come at full speed, so wherever the kill lands, it lands among saves. Anything else
/// going wrong is printed to standard error and ends the process, which the parent reports: it never kills a writer that
/// has stopped writing.
/// </summary>
public static class CrashWriter
{
    public const string Mode = "crash-writer";
    public const string Ready = "ready";

    public const string NoteKind = "note";
    public const string SpanNoteKind = "span-note";
    public const string ReplyKind = "reply";
    public const string NoteEditKind = "note-edit";
    public const string ClaimKind = "claim";
    public const string ClaimEditKind = "claim-edit";
    public const string AttributionKind = "attribution";
    public const string AttributionEditKind = "attribution-edit";
    public const string AttributionDeleteKind = "attribution-delete";
    public const string RelationKind = "relation";
    public const string ImportKind = "import";

    public static readonly IReadOnlyList<string> Kinds =
    [
        NoteKind, SpanNoteKind, ReplyKind, NoteEditKind, ClaimKind, ClaimEditKind,
        AttributionKind, AttributionEditKind, AttributionDeleteKind, RelationKind, ImportKind,
    ];

    private static readonly Stance[] Stances = [Stance.Denies, Stance.Endorses, Stance.Questions, Stance.Asserts, Stance.Doubts];

    /// <summary>Arguments: the database file and a label for this run, unique within the file (it starts every marker).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var database, var label])
        {
            await Console.Error.WriteLineAsync($"Usage: {Mode} <database file> <label>");
            return 2;
        }
        // Flushed at every line: a line the parent reads is a save that was reported before the kill.
        var stdout = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false)) { AutoFlush = true });

        // Never outlive the parent: it holds our standard input open, and the pipe closes when it goes away.
        _ = Task.Run(() =>
        {
            Console.In.ReadToEnd();
            Console.Error.WriteLine("Standard input closed: the parent has gone; stopping.");
            Environment.Exit(3);
        });

        await using var services = WriterServices.Build(database);
        var world = await World.LoadAsync(services);
        var writers = new Writers(services, world, label, stdout);
        var running = Task.WhenAll(Task.Run(writers.NotesAsync), Task.Run(writers.EditsAsync), Task.Run(writers.ImportsAsync));
        try
        {
            if (await Task.WhenAny(writers.WarmedUp, running) == writers.WarmedUp)
            {
                await stdout.WriteLineAsync(Ready);
            }
            await running; // until killed, or until a writer fails
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"A writer failed: {ex}");
            return 1;
        }
        return 0;
    }

    /// <summary>What the writers write on: the seeded claims, actors and article.</summary>
    private sealed record World(int[] ClaimIds, int[] ActorIds, int SourceId, string SourceText)
    {
        public static async Task<World> LoadAsync(IServiceProvider services)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContextAsync();
            // The seed is loaded first, so the lowest ids are its claims and actors, whatever earlier rounds added.
            var claims = await db.Claims.OrderBy(c => c.Id).Select(c => c.Id).Take(15).ToArrayAsync();
            var actors = await db.Actors.OrderBy(a => a.Id).Select(a => a.Id).Take(16).ToArrayAsync();
            var source = await db.Sources.OrderBy(s => s.Id).Select(s => new { s.Id, s.Text }).FirstAsync();
            return new World(claims, actors, source.Id, source.Text);
        }

        /// <summary>A span of about 20 characters somewhere in the article, different for each <paramref name="i"/>.</summary>
        public (int Start, int End) Span(int i)
        {
            var start = i * 97 % (SourceText.Length - 40);
            return (start, start + 20);
        }
    }

    private sealed class Writers(IServiceProvider services, World world, string label, TextWriter stdout)
    {
        private readonly TaskCompletionSource notesWarm = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource editsWarm = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource importsWarm = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private Task? warmedUp;

        /// <summary>Done when every writer has finished its first cycle.</summary>
        public Task WarmedUp => warmedUp ??= Task.WhenAll(notesWarm.Task, editsWarm.Task, importsWarm.Task);

        private async Task ReportAsync(string kind, int id, string marker) =>
            await stdout.WriteLineAsync(new ConfirmedSave(kind, id, marker).ToString());

        private static T Saved<T>(EditResult<T> result, string what) where T : class =>
            result.Succeeded ? result.Value! : throw new InvalidOperationException($"{what}: {result.Outcome} {string.Join("; ", result.FieldErrors.Select(e => $"{e.Key}: {e.Value}"))}");

        private static int Saved(EditResult<StoredNote> result, string what) =>
            result.Succeeded ? result.Value!.Id : throw new InvalidOperationException($"{what}: {result.Outcome} {result.Message}");

        /// <summary>Each cycle: a note on a span of the article, a note on a claim, a reply to it, and an edit of the note.</summary>
        public async Task NotesAsync()
        {
            for (var i = 0; ; i++)
            {
                // A scope per cycle, as each save of a page's user is: the sign-in state of a scope held longer than the
                // circuit revalidation interval is checked against the accounts table, where these test users have no row.
                await using var scope = services.ScopeAs(Roles.Journalist, "crash-journalist");
                var notes = scope.As<AnnotationService>();
                var marker = $"{label}n{i}";
                var (start, end) = world.Span(i);
                var spanNote = Saved(await notes.AddToSpanAsync(world.SourceId, start, end, $"Span note {marker}s", world.SourceText[start..end]), "span note");
                await ReportAsync(SpanNoteKind, spanNote, $"{marker}s");

                var claimId = world.ClaimIds[i % world.ClaimIds.Length];
                var body = $"Note {marker}n";
                var note = Saved(await notes.AddToClaimAsync(claimId, body), "note");
                await ReportAsync(NoteKind, note, $"{marker}n");

                var reply = Saved(await notes.ReplyAsync(note, $"Reply {marker}r"), "reply");
                await ReportAsync(ReplyKind, reply, $"{marker}r");

                var version = (await notes.ListForClaimAsync(claimId)).Single(n => n.Id == note).Version;
                Saved(await notes.EditAsync(note, version, $"{body} edited {marker}e"), "note edit");
                await ReportAsync(NoteEditKind, note, $"{marker}e");

                notesWarm.TrySetResult();
            }
        }

        /// <summary>
        /// Each cycle: a claim, a statement on it, a relation to a seeded claim, an edit of the claim, then an edit or a
        /// removal of the statement; each changes the search index or the dispute counts that the triggers keep.
        /// </summary>
        public async Task EditsAsync()
        {
            for (var i = 0; ; i++)
            {
                await using var scope = services.ScopeAs(Roles.Editor, "crash-editor");
                var edits = scope.As<RecordEditService>();
                var marker = $"{label}e{i}";
                var claim = Saved(await edits.CreateClaimAsync(new ClaimDraft($"Crash test claim {marker}c", ["crash-test"])), "claim");
                await ReportAsync(ClaimKind, claim.Id, $"{marker}c");

                var (start, end) = world.Span(i + 1000);
                var draft = new AttributionDraft(world.ActorIds[i % world.ActorIds.Length], claim.Id, world.SourceId,
                    Stances[i % Stances.Length], AttributionMode.Paraphrase, start, end, SaidWhere: $"Place {marker}a");
                var attribution = Saved(await edits.CreateAttributionAsync(draft), "attribution");
                await ReportAsync(AttributionKind, attribution.Id, $"{marker}a");

                var relationType = i % 2 == 0 ? RelationType.Contradicts : RelationType.Supports;
                var relation = Saved(await edits.CreateRelationAsync(
                    new RelationDraft(claim.Id, world.ClaimIds[i % world.ClaimIds.Length], relationType, $"Crash test {marker}r")), "relation");
                await ReportAsync(RelationKind, relation.Id, $"{marker}r");

                Saved(await edits.UpdateClaimAsync(claim.Id, claim.Version, new ClaimDraft($"{claim.Text} edited {marker}x", claim.Topics)), "claim edit");
                await ReportAsync(ClaimEditKind, claim.Id, $"{marker}x");

                // Both, in the first cycle, so that both are compiled before the writer says it is ready.
                if (i % 2 == 0)
                {
                    var changed = draft with { Stance = Stances[(i + 1) % Stances.Length], SaidWhere = $"{draft.SaidWhere} edited {marker}y" };
                    attribution = Saved(await edits.UpdateAttributionAsync(attribution.Id, attribution.Version, changed), "attribution edit");
                    await ReportAsync(AttributionEditKind, attribution.Id, $"{marker}y");
                }
                if (i % 2 == 0 || i % 3 == 0)
                {
                    Saved(await edits.DeleteAttributionAsync(attribution.Id, attribution.Version), "attribution delete");
                    await ReportAsync(AttributionDeleteKind, attribution.Id, $"{marker}d");
                }

                editsWarm.TrySetResult();
            }
        }

        /// <summary>Imports of pasted text: a source, the engine's suggestions and their history in one transaction each.</summary>
        public async Task ImportsAsync()
        {
            for (var i = 0; ; i++)
            {
                await using var scope = services.ScopeAs(Roles.Editor, "crash-importer");
                var importer = scope.As<SourceImportService>();
                var marker = $"{label}i{i}";
                var text = $"Dmitry Peskov said the talks on {marker} would resume next week. Volodymyr Zelensky said Kyiv would not cede land. "
                    + $"Donald Trump told reporters that a deal was close. The report {marker} was published on Tuesday.";
                var result = await importer.ImportAsync(new SourceImportRequest("Crash Test Wire", $"Talks {marker}", "2026-01-20", null, PastedText: text));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"import: {result.Outcome} {string.Join("; ", result.FieldErrors.Select(e => $"{e.Key}: {e.Value}"))}");
                }
                await ReportAsync(ImportKind, result.Value!.Source!.Id, marker);

                importsWarm.TrySetResult();
            }
        }
    }
}
