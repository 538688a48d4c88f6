using System.Linq.Expressions;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Common;

public static class AttributionProjection
{
    /// <summary>The one projection every view uses, so EF translates it to a single SELECT with joins.</summary>
    public static readonly Expression<Func<Attribution, AttributionView>> ToView = a => new AttributionView(
        a.Id, a.ClaimId, a.ActorId, a.Actor.Name, a.Actor.Kind, a.Actor.Role, a.Stance, a.Mode, a.Anchor.Exact,
        a.SourceId, a.Source.Title, a.Source.Outlet, a.Source.PublishedOn, a.Anchor.Start, a.Anchor.End,
        a.SaidWhen, a.SaidWhere, a.ReportedVia, a.AnchorState);
}
