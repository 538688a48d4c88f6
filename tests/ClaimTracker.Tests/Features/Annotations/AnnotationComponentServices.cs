using Bunit;
using Bunit.TestDoubles;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClaimTracker.Tests.Features.Annotations;

public static class AnnotationComponentServices
{
    /// <summary>
    /// What the notes components need in a bUnit context (any page that hosts them, such as the claim page):
    /// the annotation services, the change notifier and a signed-out user unless the test signs one in.
    /// Call after registering the DbContext factory and before the first render.
    /// </summary>
    public static BunitAuthorizationContext AddAnnotationComponents(this BunitContext context)
    {
        var auth = context.AddAuthorization();
        context.Services.AddHttpContextAccessor();
        context.Services.AddScoped<CurrentUser>();
        context.Services.TryAddSingleton<IClaimChangeNotifier, InProcessClaimChangeNotifier>();
        context.Services.AddAnnotations();
        return auth;
    }
}
