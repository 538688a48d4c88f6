using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Features.Accounts;

namespace ClaimTracker.Tests.Features.Accounts;

/// <summary>The permissions matrix, and that services see the signed-in user of their scope.</summary>
[BothEngines]
public class PermissionsTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    // The matrix as the product states it, written out independently of RolePermissions.
    public static TheoryData<string?, Permission, bool> Matrix()
    {
        var allowed = new Dictionary<string, Permission[]>
        {
            [Roles.Journalist] = [Permission.Comment],
            [Roles.Editor] = [Permission.Comment, Permission.ReadDrafts, Permission.EditRecord, Permission.ModerateAnnotations, Permission.RateClaims, Permission.Restore],
            [Roles.Admin] = Enum.GetValues<Permission>(),
        };
        var data = new TheoryData<string?, Permission, bool>();
        foreach (var role in Acting.EveryRole)
        {
            foreach (var permission in Enum.GetValues<Permission>())
            {
                data.Add(role, permission, role is not null && allowed[role].Contains(permission));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_has_exactly_its_permissions(string? role, Permission permission, bool expected)
    {
        await using var scope = app.Services.ScopeAs(role);
        var user = scope.As<CurrentUser>();

        Assert.Equal(expected, await user.HasAsync(permission));
        if (expected)
        {
            var author = await user.RequireAsync(permission);
            Assert.Equal($"test-{role!.ToLowerInvariant()}", author.UserId);
        }
        else
        {
            var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => user.RequireAsync(permission));
            Assert.Equal(role is not null, denied.SignedIn);
        }
    }

    [Theory]
    [InlineData("/claims/2", "/claims/2")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData(null, "/")]
    public void Sign_in_only_returns_to_pages_of_this_site(string? returnUrl, string expected)
    {
        Assert.Equal(expected, AccountEndpoints.SafeReturnUrl(returnUrl));
    }
}
