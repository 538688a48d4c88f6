using ClaimTracker.Web.Data;
using ClaimTracker.Web.Data.Postgres;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Generating;
using ClaimTracker.Web.Features.Importing;
using ClaimTracker.Web.Features.Suggestions;

namespace ClaimTracker.Web;

/// <summary>
/// The commands the app runs instead of starting the server (<c>dotnet run --project src/ClaimTracker.Web -- &lt;name&gt; …</c>).
/// Each gets the app's services (database migrated and seeded, except for <c>backup</c> and <c>copy-to-postgres</c>), its arguments (the name first), and the console streams,
/// and returns the process exit code: 0 done, 1 failed, 2 wrong usage.
/// </summary>
public static class CommandLine
{
    public delegate Task<int> Command(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error);

    public static readonly IReadOnlyDictionary<string, Command> Commands = new Dictionary<string, Command>(StringComparer.Ordinal)
    {
        [CreateAdminCommand.Name] = CreateAdminCommand.RunAsync,
        [ImportCommand.Name] = ImportCommand.RunAsync,
        [SuggestCommand.Name] = SuggestCommand.RunAsync,
        [BackupCommand.Name] = BackupCommand.RunAsync,
        [GenerateCommand.Name] = GenerateCommand.RunAsync,
        [CopyToPostgresCommand.Name] = CopyToPostgresCommand.RunAsync,
    };

    /// <summary>
    /// Commands that get the app's services before start-up migrates and seeds the database, because they must see it
    /// exactly as it is and write nothing to it: a backup taken before an upgrade has to hold the old schema, and a copy to
    /// PostgreSQL only reads the SQLite file it moves.
    /// </summary>
    private static readonly HashSet<string> BeforeDatabaseSetup = new(StringComparer.Ordinal) { BackupCommand.Name, CopyToPostgresCommand.Name };

    /// <summary>The command named by the first argument, or null when the app should start the server.</summary>
    public static Command? Find(string[] args) =>
        args.Length > 0 && Commands.TryGetValue(args[0], out var command) ? command : null;

    /// <summary>Says what is wrong with the command's words, and how to use it, on standard error; the exit code for wrong usage.</summary>
    public static async Task<int> WrongUsageAsync(TextWriter error, string problem, string usage)
    {
        await error.WriteLineAsync(problem);
        await error.WriteLineAsync(usage);
        return 2;
    }

    /// <summary>Whether the command named by the first argument runs before the database is migrated and seeded.</summary>
    public static bool RunsBeforeDatabaseSetup(string[] args) => args.Length > 0 && BeforeDatabaseSetup.Contains(args[0]);
}
