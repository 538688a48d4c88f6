using System.Net;
using ClaimTracker.Tests.Features.Accounts;
using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Live;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClaimTracker.Tests.Features.Live;

/// <summary>
/// Two app instances on one PostgreSQL database (<see cref="TwoInstances"/>): a change saved on either reaches the open
/// pages of the other through LISTEN/NOTIFY, never twice those of its own; the listening survives a dropped connection
/// and a payload it does not understand; and a sign-in cookie one instance issues is honoured by the other.
/// Needs PostgreSQL in every leg, not only the PostgreSQL one: it fails, never skips, without a server.
/// </summary>
public sealed class CrossInstanceLiveTests(TwoInstances app) : IClassFixture<TwoInstances>
{
    /// <summary>A deadline, not a delay: each wait ends as soon as the change is heard; a loaded machine may need long.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static int nextClaimId = 900_000;

    private static IClaimChangeNotifier Claims(TwoInstances.Instance instance) => instance.Services.GetRequiredService<IClaimChangeNotifier>();

    private static ISourceChangeNotifier Sources(TwoInstances.Instance instance) => instance.Services.GetRequiredService<ISourceChangeNotifier>();

    /// <summary>A claim id no other test of the class listens to (the notifiers need no such claim to exist).</summary>
    private static int FreshClaimId() => Interlocked.Increment(ref nextClaimId);

    private static Heard<ClaimChange> Listen(TwoInstances.Instance instance, int claimId) =>
        new(handler => Claims(instance).Subscribe(claimId, handler));

    [Fact]
    public void On_PostgreSQL_the_notifiers_are_the_bus_and_each_instance_has_an_origin_of_its_own()
    {
        var busA = Assert.IsType<PostgresChangeBus>(Claims(app.A));
        Assert.Same(busA, Sources(app.A));
        var busB = Assert.IsType<PostgresChangeBus>(Claims(app.B));
        Assert.NotEqual(busA.Origin, busB.Origin);
    }

    [Fact]
    public async Task A_change_published_on_one_instance_reaches_the_other_both_ways_and_never_comes_back_to_its_own()
    {
        var claimId = FreshClaimId();
        using var onA = Listen(app.A, claimId);
        using var onB = Listen(app.B, claimId);
        var fromA = new ClaimChange(claimId, ClaimChangeKind.Annotation);
        var fromB = new ClaimChange(claimId, ClaimChangeKind.Verdict);
        var againFromA = new ClaimChange(claimId, ClaimChangeKind.Relation);

        Claims(app.A).Publish(fromA);
        await onA.HeardAsync(fromA, Deadline, "A's own page");
        await onB.HeardAsync(fromA, Deadline, "A → B");

        Claims(app.B).Publish(fromB);
        await onA.HeardAsync(fromB, Deadline, "B → A");
        // PostgreSQL delivers notifications in commit order, and B sent its change after hearing A's: so A's listener had
        // its own change back before B's, and dropped it. Its page heard it once, from the in-process delivery.
        Assert.Equal(1, onA.Count(fromA));

        Claims(app.A).Publish(againFromA);
        await onB.HeardAsync(againFromA, Deadline, "A → B, again");
        Assert.Equal(1, onB.Count(fromB));
        Assert.Equal(1, onB.Count(fromA));
    }

    [Fact]
    public async Task A_page_listening_to_every_claim_on_one_instance_hears_changes_to_any_claim_made_on_the_other()
    {
        // The Following page: a followed actor's next statement may be on a claim it never subscribed to.
        var first = FreshClaimId();
        var second = FreshClaimId();
        using var onB = new Heard<ClaimChange>(handler => Claims(app.B).SubscribeToAll(handler));
        var toFirst = new ClaimChange(first, ClaimChangeKind.Attribution);
        var toSecond = new ClaimChange(second, ClaimChangeKind.Claim);

        Claims(app.A).Publish(toFirst);
        Claims(app.A).Publish(toSecond);

        await onB.HeardAsync(toFirst, Deadline, "A → B, first claim");
        await onB.HeardAsync(toSecond, Deadline, "A → B, second claim");
    }

    [Fact]
    public async Task A_source_correction_announced_on_one_instance_reaches_its_readers_on_the_other_with_every_field()
    {
        var sourceId = FreshClaimId();
        using var onB = new Heard<SourceChange>(handler => Sources(app.B).Subscribe(sourceId, handler));
        var correction = new SourceChange(sourceId, 3, "Test Editor ünïcødé");

        Sources(app.A).Publish(correction);

        await onB.HeardAsync(correction, Deadline, "A → B");
    }

    [Fact]
    public async Task A_note_saved_through_one_instance_is_announced_to_pages_on_the_other_which_then_read_it()
    {
        int claimId;
        await using (var db = app.A.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContext())
        {
            claimId = await db.Claims.Where(c => c.Key == "talks-cover-security-guarantees").Select(c => c.Id).SingleAsync();
        }
        using var onB = Listen(app.B, claimId);
        var body = $"Saved on A, read on B ({Guid.NewGuid():N})";

        var saved = await app.A.Services.AsAsync<AnnotationService, EditResult<StoredNote>>(Roles.Editor, notes => notes.AddToClaimAsync(claimId, body));
        Assert.True(saved.Succeeded, string.Join(" ", saved.FieldErrors.Values));

        await onB.HeardAsync(new ClaimChange(claimId, ClaimChangeKind.Annotation), Deadline, "the note's announcement, A → B");
        var onBsPage = await app.B.Services.AsAsync<AnnotationService, IReadOnlyList<NoteView>>(Roles.Journalist, notes => notes.ListForClaimAsync(claimId));
        Assert.Contains(onBsPage, n => n.Body == body);
    }

    [Fact]
    public async Task A_notification_the_listener_does_not_understand_is_logged_and_dropped_and_it_keeps_listening()
    {
        var claimId = FreshClaimId();
        using var onB = Listen(app.B, claimId);
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            foreach (var payload in new[] { "not json at all", $$"""{"origin":"{{Guid.NewGuid()}}","type":"actor","actorId":1}""", $$"""{"origin":"{{Guid.NewGuid()}}","type":"claim","claimId":{{claimId}},"kind":"NoSuchKind"}""" })
            {
                await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                notify.Parameters.AddWithValue("channel", PostgresChangeBus.ChannelName);
                notify.Parameters.AddWithValue("payload", payload);
                await notify.ExecuteNonQueryAsync();
            }
        }
        await app.B.Log.SeenAsync(m => m.Contains("Ignored a notification", StringComparison.Ordinal) && m.Contains("NoSuchKind", StringComparison.Ordinal),
            Deadline, "the last of the malformed notifications, ignored");

        var valid = new ClaimChange(claimId, ClaimChangeKind.Claim);
        Claims(app.A).Publish(valid);
        await onB.HeardAsync(valid, Deadline, "A → B after the malformed ones");
        Assert.Equal([valid], onB.All);
    }

    [Fact]
    public async Task When_the_listening_connection_is_cut_each_instance_logs_it_reconnects_and_hears_again()
    {
        // The database's view of the instances: each holds exactly one connection that listens.
        int cut;
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity "
                + "WHERE datname = current_database() AND query = 'LISTEN " + PostgresChangeBus.ChannelName + "'", connection);
            cut = (int)(await terminate.ExecuteScalarAsync())!;
        }
        Assert.Equal(2, cut);

        foreach (var (name, instance) in new[] { ("A", app.A), ("B", app.B) })
        {
            await instance.Log.SeenAsync(m => m.StartsWith("Warning", StringComparison.Ordinal) && m.Contains("Not listening for other app instances' changes", StringComparison.Ordinal),
                Deadline, $"{name}'s warning that it lost the connection");
            await instance.Log.SeenAsync(m => m.Contains("Listening again for other app instances' changes", StringComparison.Ordinal),
                Deadline, $"{name} listening again");
        }

        var claimId = FreshClaimId();
        using var onA = Listen(app.A, claimId);
        using var onB = Listen(app.B, claimId);
        var fromA = new ClaimChange(claimId, ClaimChangeKind.Attribution);
        var fromB = new ClaimChange(claimId, ClaimChangeKind.Verdict);
        Claims(app.A).Publish(fromA);
        await onB.HeardAsync(fromA, Deadline, "A → B after reconnecting");
        Claims(app.B).Publish(fromB);
        await onA.HeardAsync(fromB, Deadline, "B → A after reconnecting");
    }

    [Fact]
    public async Task A_sign_in_cookie_issued_by_one_instance_is_accepted_by_the_other()
    {
        var email = $"{Guid.NewGuid():N}@newsroom.test";
        await using (var scope = app.A.Services.ScopeAs(Roles.Admin))
        {
            var created = await scope.As<UserAdminService>().CreateAsync(email, "Cross Instance", AccountsFactory.Password, Roles.Editor);
            Assert.True(created.Succeeded, string.Join(" ", created.FieldErrors.Values));
        }

        // Sign in through A's real login form.
        var jarA = new CookieContainer();
        var clientA = app.A.CreateDefaultClient(new CookieContainerHandler(jarA));
        var login = await Http.PostLoginAsync(clientA, email, AccountsFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.ToString());
        // The sign-in cookie (split in chunks named …C1, …C2 should it ever grow past one cookie's size).
        var identity = jarA.GetCookies(clientA.BaseAddress!).Where(c => c.Name.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(identity);

        // The key that protected it is in the shared database, not in a folder of A's machine (on one test machine
        // both instances would share that folder, and the cookie would cross without proving anything).
        var protectedBy = ProtectingKey(identity.Single(c => c.Name == ".AspNetCore.Identity.Application").Value);
        await using (var db = app.B.Services.GetRequiredService<IDbContextFactory<ClaimTrackerDbContext>>().CreateDbContext())
        {
            Assert.Contains($"key-{protectedBy:D}", await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync());
        }

        // B has never seen this browser: without the cookie it offers "Sign in"; with A's cookie alone it knows the user.
        var clientB = app.B.CreateDefaultClient(new CookieContainerHandler(new CookieContainer()));
        Assert.Null(await AccountsFactory.SignedInNameAsync(clientB));
        var jarB = new CookieContainer();
        foreach (var cookie in identity)
        {
            jarB.Add(app.B.Server.BaseAddress, new Cookie(cookie.Name, cookie.Value, "/"));
        }
        var signedInOnB = app.B.CreateDefaultClient(new CookieContainerHandler(jarB));
        Assert.Equal("Cross Instance", await AccountsFactory.SignedInNameAsync(signedInOnB));

        // And an editor's request B must authorize: the deleted claims, which send anonymous visitors to sign in.
        var deleted = await signedInOnB.GetAsync("/claims/deleted");
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var anonymous = await clientB.GetAsync("/claims/deleted");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location?.ToString());
    }

    /// <summary>
    /// The id of the data-protection key a cookie was protected with: a protected payload starts with the format's magic
    /// header (4 bytes) and then the key's id (16 bytes); the cookie is that payload in base64url.
    /// </summary>
    private static Guid ProtectingKey(string cookieValue)
    {
        var payload = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(cookieValue);
        Assert.True(payload.Length > 20 && payload[..4].SequenceEqual(new byte[] { 0x09, 0xF0, 0xC9, 0xF0 }), "the cookie is not a data-protection payload");
        return new Guid(payload.AsSpan(4, 16));
    }
}
