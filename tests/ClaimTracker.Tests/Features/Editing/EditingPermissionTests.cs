using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Editing;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Editing;

/// <summary>
/// The role × action matrix over every change <see cref="RecordEditService"/> offers: anonymous visitors and
/// journalists are refused before anything is written; editors and admins succeed.
/// </summary>
[BothEngines]
public class EditingPermissionTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    // Written out independently of RolePermissions: who may change the record and restore it, as the issue states.
    private static readonly HashSet<string> MayEdit = [Roles.Editor, Roles.Admin];

    public static readonly string[] Actions =
    [
        "CreateClaim", "UpdateClaim", "DeleteClaim", "RestoreClaim",
        "CreateActor", "UpdateActor", "DeleteActor", "RestoreActor",
        "CreateRelation", "UpdateRelation", "DeleteRelation", "RestoreRelation",
        "CreateAttribution", "UpdateAttribution", "DeleteAttribution", "RestoreAttribution",
    ];

    public static TheoryData<string?, string> Matrix()
    {
        var data = new TheoryData<string?, string>();
        foreach (var role in Acting.EveryRole)
        {
            foreach (var action in Actions)
            {
                data.Add(role, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_editors_and_admins_change_the_record(string? role, string action)
    {
        var act = await PrepareAsync(action);
        var before = await CountWritesAsync();

        await using var scope = app.Services.ScopeAs(role);
        var service = scope.As<RecordEditService>();

        if (role is not null && MayEdit.Contains(role))
        {
            var outcome = await act(service);
            Assert.Equal(EditOutcome.Saved, outcome);
            Assert.True((await CountWritesAsync()).Audit > before.Audit, $"{action} by {role} reported success but wrote no history");
        }
        else
        {
            var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => act(service));
            Assert.Equal(role is not null, denied.SignedIn);
            Assert.Equal(before, await CountWritesAsync());
        }
    }

    /// <summary>History entries plus rows of every editable table: a refused call must leave all of them as they were.</summary>
    private async Task<(int Audit, int Claims, int Actors, int Relations, int Attributions)> CountWritesAsync()
    {
        await using var db = app.CreateDbContext();
        return (await db.AuditEntries.CountAsync(),
            await db.Claims.CountAsync(),
            await db.Actors.CountAsync(),
            await db.ClaimRelations.CountAsync(),
            await db.Attributions.CountAsync());
    }

    /// <summary>Sets up a target of its own for the action (as the app itself), and returns the call to make.</summary>
    private async Task<Func<RecordEditService, Task<EditOutcome>>> PrepareAsync(string action)
    {
        var sourceId = await app.SourceId("reuters-ukraine-peace-talks");
        var actorId = await app.ActorId("donald-trump");
        switch (action)
        {
            case "CreateClaim":
                return async s => (await s.CreateClaimAsync(new ClaimDraft($"A new claim {Guid.NewGuid()}", ["test"]))).Outcome;
            case "UpdateClaim":
                {
                    var c = await AddClaimAsync();
                    return async s => (await s.UpdateClaimAsync(c.Id, c.Version, new ClaimDraft(c.Text + " (edited)", []))).Outcome;
                }
            case "DeleteClaim":
                {
                    var c = await AddClaimAsync();
                    return async s => (await s.DeleteClaimAsync(c.Id, c.Version)).Outcome;
                }
            case "RestoreClaim":
                {
                    var c = await AddClaimAsync(deleted: true);
                    return async s => (await s.RestoreClaimAsync(c.Id)).Outcome;
                }
            case "CreateActor":
                return async s => (await s.CreateActorAsync(new ActorDraft("New Actor", ActorKind.Person, "Spokesperson", null, []))).Outcome;
            case "UpdateActor":
                {
                    var a = await AddAsync(new Actor { Key = Key(), Name = "Someone" });
                    return async s => (await s.UpdateActorAsync(a.Id, a.Version, new ActorDraft("Someone Else", ActorKind.Agency, null, "France", ["SE"]))).Outcome;
                }
            case "DeleteActor":
                {
                    var a = await AddAsync(new Actor { Key = Key(), Name = "Someone" });
                    return async s => (await s.DeleteActorAsync(a.Id, a.Version)).Outcome;
                }
            case "RestoreActor":
                {
                    var a = await AddAsync(new Actor { Key = Key(), Name = "Someone", IsDeleted = true });
                    return async s => (await s.RestoreActorAsync(a.Id)).Outcome;
                }
            case "CreateRelation":
                {
                    var (from, to) = (await AddClaimAsync(), await AddClaimAsync());
                    return async s => (await s.CreateRelationAsync(new RelationDraft(from.Id, to.Id, RelationType.Supports, "Because."))).Outcome;
                }
            case "UpdateRelation":
                {
                    var r = await AddRelationAsync();
                    return async s => (await s.UpdateRelationAsync(r.Id, r.Version, new RelationDraft(r.FromClaimId, r.ToClaimId, RelationType.Qualifies, "Rather."))).Outcome;
                }
            case "DeleteRelation":
                {
                    var r = await AddRelationAsync();
                    return async s => (await s.DeleteRelationAsync(r.Id, r.Version)).Outcome;
                }
            case "RestoreRelation":
                {
                    var r = await AddRelationAsync(deleted: true);
                    return async s => (await s.RestoreRelationAsync(r.Id)).Outcome;
                }
            case "CreateAttribution":
                {
                    var c = await AddClaimAsync();
                    return async s => (await s.CreateAttributionAsync(new AttributionDraft(actorId, c.Id, sourceId, Stance.Asserts, AttributionMode.Paraphrase, 10, 40))).Outcome;
                }
            case "UpdateAttribution":
                {
                    var a = await AddAttributionAsync(actorId, sourceId);
                    return async s => (await s.UpdateAttributionAsync(a.Id, a.Version,
                        new AttributionDraft(actorId, a.ClaimId, sourceId, Stance.Denies, AttributionMode.DirectQuote, 12, 30, "Thursday"))).Outcome;
                }
            case "DeleteAttribution":
                {
                    var a = await AddAttributionAsync(actorId, sourceId);
                    return async s => (await s.DeleteAttributionAsync(a.Id, a.Version)).Outcome;
                }
            case "RestoreAttribution":
                {
                    var a = await AddAttributionAsync(actorId, sourceId, deleted: true);
                    return async s => (await s.RestoreAttributionAsync(a.Id)).Outcome;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }

    private static string Key() => $"test-{Guid.NewGuid():N}";

    private Task<Claim> AddClaimAsync(bool deleted = false) =>
        AddAsync(new Claim { Key = Key(), Text = $"Claim {Guid.NewGuid()}", IsDeleted = deleted });

    private async Task<ClaimRelation> AddRelationAsync(bool deleted = false)
    {
        var (from, to) = (await AddClaimAsync(), await AddClaimAsync());
        return await AddAsync(new ClaimRelation { Key = Key(), FromClaimId = from.Id, ToClaimId = to.Id, Type = RelationType.Contradicts, Rationale = "Test.", IsDeleted = deleted });
    }

    private async Task<Attribution> AddAttributionAsync(int actorId, int sourceId, bool deleted = false)
    {
        var claim = await AddClaimAsync();
        string text;
        await using (var db = app.CreateDbContext())
        {
            text = await db.Sources.Where(s => s.Id == sourceId).Select(s => s.Text).SingleAsync();
        }
        return await AddAsync(new Attribution
        {
            Key = Key(),
            ActorId = actorId,
            ClaimId = claim.Id,
            SourceId = sourceId,
            Anchor = TextAnchor.FromText(text, 0, 20),
            IsDeleted = deleted,
        });
    }

    private async Task<T> AddAsync<T>(T record) where T : class
    {
        await using var db = app.CreateDbContext();
        db.ChangedBy = ChangeAuthor.System;
        db.Add(record);
        await db.SaveChangesAsync();
        return record;
    }
}
