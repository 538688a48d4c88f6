using ClaimTracker.Web.Features.Accounts;

namespace ClaimTracker.E2E.Infrastructure;

/// <summary>The demo accounts every browser test signs in with (the test server allows them: Development, loopback).</summary>
public static class Demo
{
    public const string Editor = "editor@claimtracker.test";
    public const string Admin = "admin@claimtracker.test";
    public const string Journalist = "journalist@claimtracker.test";

    /// <summary>The password the product seeds the demo accounts with (published in the README).</summary>
    public const string Password = AccountSeeding.DefaultDemoPassword;
}
