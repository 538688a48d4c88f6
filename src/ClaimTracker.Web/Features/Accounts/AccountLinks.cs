using Microsoft.AspNetCore.Components;

namespace ClaimTracker.Web.Features.Accounts;

public static class AccountLinks
{
    /// <summary>The sign-in page, set to bring the reader back to the page they are on now.</summary>
    public static string LoginReturningHere(this NavigationManager nav) =>
        $"/account/login?returnUrl={Uri.EscapeDataString("/" + nav.ToBaseRelativePath(nav.Uri))}";
}
