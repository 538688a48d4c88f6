using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace ClaimTracker.Web.Features.Accounts;

/// <summary>
/// A circuit can live for hours and sends no HTTP requests, so the cookie's per-request check never sees it.
/// Every <see cref="Interval"/> this checks that the account still stands (<see cref="AccountAccess"/>); when it
/// does not, the circuit's user becomes anonymous: the page shows what a visitor sees and every service refuses
/// changes, because services check the circuit's current principal (<see cref="CurrentUser"/>).
/// </summary>
public sealed class RevalidatingIdentityAuthenticationStateProvider(ILoggerFactory loggerFactory, AccountAccess access)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>Half a minute, so a removed role or a deactivated account ends in open pages within a minute.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        access.IsCurrentAsync(authenticationState.User, cancellationToken);

    /// <summary>The check the revalidation loop runs, for tests.</summary>
    internal Task<bool> ValidateAsync(AuthenticationState state, CancellationToken ct = default) => ValidateAuthenticationStateAsync(state, ct);

    /// <summary>The interval the revalidation loop waits, for tests.</summary>
    internal TimeSpan CurrentInterval => RevalidationInterval;
}
