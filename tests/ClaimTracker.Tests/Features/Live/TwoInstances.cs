using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ClaimTracker.Tests.Features.Live;

/// <summary>
/// Two app instances on one PostgreSQL database, as a newsroom behind a load balancer runs them: a database of their own
/// on the test server (<see cref="TestEngine.ServerFor"/>, required in every leg), A started before B.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private PostgresTestDatabase? database;

    public Instance A { get; private set; } = null!;

    public Instance B { get; private set; } = null!;

    public string ConnectionString => database?.ConnectionString ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        TestEngine.ServerFor("Live updates across app instances");
        database = PostgresTestDatabase.Create(seeded: true);
        // Each start returns once the instance listens for the other's changes (PostgresChangeRelay.StartAsync).
        A = new Instance(database.ConnectionString);
        _ = A.Server;
        B = new Instance(database.ConnectionString);
        _ = B.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>One instance; what it logs is kept, for tests that wait on it.</summary>
    public sealed class Instance(string connectionString) : WebApplicationFactory<Program>
    {
        public LogCapture Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting(DatabaseSetup.EngineSetting, nameof(DatabaseEngine.Postgres));
            builder.UseSetting($"ConnectionStrings:{DatabaseSetup.ConnectionStringName}", connectionString);
            builder.UseSetting(AccountEndpoints.AttemptsPerMinuteSetting, "1000");
            builder.ConfigureLogging(logging => logging.AddProvider(Log));
        }
    }

    /// <summary>Keeps every message an instance logs, and lets a test wait for one.</summary>
    public sealed class LogCapture : ILoggerProvider
    {
        private readonly Lock gate = new();
        private readonly List<string> messages = [];
        private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> waiting = [];

        /// <summary>Waits until a message that <paramref name="match"/> accepts has been logged (or was already).</summary>
        public async Task SeenAsync(Func<string, bool> match, TimeSpan deadline, string what)
        {
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                if (messages.Any(match))
                {
                    return;
                }
                waiting.Add((match, seen));
            }
            try
            {
                await seen.Task.WaitAsync(deadline);
            }
            catch (TimeoutException)
            {
                List<string> logged;
                lock (gate)
                {
                    logged = [.. messages];
                }
                throw new TimeoutException($"Not logged within {deadline.TotalSeconds:0} s: {what}. Logged at warning level and above:\n  "
                    + string.Join("\n  ", logged.Where(m => m.StartsWith("Warning", StringComparison.Ordinal) || m.StartsWith("Error", StringComparison.Ordinal))));
            }
        }

        private void Add(string message)
        {
            lock (gate)
            {
                messages.Add(message);
                foreach (var (match, seen) in waiting.Where(w => w.Match(message)).ToList())
                {
                    seen.TrySetResult();
                    waiting.RemoveAll(w => w.Seen == seen);
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    capture.Add($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " — " + exception.Message)}");
                }
            }
        }
    }
}

/// <summary>What one subscriber heard, with a way to wait for a change (a deadline, never a delay).</summary>
public sealed class Heard<T> : IDisposable where T : notnull
{
    private readonly Lock gate = new();
    private readonly List<T> heard = [];
    private readonly List<(T Change, TaskCompletionSource Done)> waiting = [];
    private readonly IDisposable subscription;

    public Heard(Func<Func<T, Task>, IDisposable> subscribe)
    {
        subscription = subscribe(Hear);
    }

    public IReadOnlyList<T> All
    {
        get
        {
            lock (gate)
            {
                return [.. heard];
            }
        }
    }

    public int Count(T change) => All.Count(c => c.Equals(change));

    public async Task HeardAsync(T change, TimeSpan deadline, string what)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (heard.Contains(change))
            {
                return;
            }
            waiting.Add((change, done));
        }
        try
        {
            await done.Task.WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{what}: {change} not heard within {deadline.TotalSeconds:0} s; heard {(All.Count == 0 ? "nothing" : string.Join(", ", All))}.");
        }
    }

    private Task Hear(T change)
    {
        lock (gate)
        {
            heard.Add(change);
            foreach (var (_, done) in waiting.Where(w => w.Change.Equals(change)).ToList())
            {
                done.TrySetResult();
            }
            waiting.RemoveAll(w => w.Change.Equals(change));
        }
        return Task.CompletedTask;
    }

    public void Dispose() => subscription.Dispose();
}
