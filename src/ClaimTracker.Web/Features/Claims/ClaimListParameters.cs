using System.Globalization;
using ClaimTracker.Web.Components.Shared;
using ClaimTracker.Web.Domain;

namespace ClaimTracker.Web.Features.Claims;

/// <summary>A query-string parameter that could not be read, and why, in words for the person who sent it.</summary>
public sealed record ParameterProblem(string Parameter, string Message);

/// <summary>
/// The claims list's filters as its address carries them (<c>/claims?q=…&amp;actor=…&amp;stance=…&amp;topic=…&amp;status=…&amp;rating=…&amp;sort=…</c>),
/// read in one place so that the list and its CSV export (<c>/api/export/claims.csv</c>) find the same claims. The page
/// ignores a value it cannot read (a mangled link still opens the list); the export refuses it with the problems listed
/// here, so a script learns its filter was wrong instead of receiving every claim.
/// </summary>
public static class ClaimListParameters
{
    public const string Search = "q";
    public const string Actor = "actor";
    public const string Stance = "stance";
    public const string Topic = "topic";
    public const string Status = "status";
    public const string Rating = "rating";
    public const string Sort = "sort";

    /// <summary>
    /// The filters and sort; page and size are the caller's. An empty value means the parameter is absent. Each value that
    /// cannot be read is left out of the query and added to <paramref name="problems"/> when given.
    /// </summary>
    public static ClaimSearchQuery Read(string? q, string? actor, string? stance, string? topic, string? status, string? rating, string? sort,
        ICollection<ParameterProblem>? problems = null)
    {
        var search = string.IsNullOrEmpty(q) ? null : q;
        if (SearchTerms.Parse(search).Error is { } searchError)
        {
            problems?.Add(new ParameterProblem(Search, searchError));
        }
        return new ClaimSearchQuery(
            Search: search,
            ActorId: Id(Actor, actor, "an actor's id", problems),
            Stance: Named<Stance>(Stance, stance, problems),
            Topic: string.IsNullOrWhiteSpace(topic) ? null : topic,
            Status: Named<ClaimStatus>(Status, status, problems),
            Sort: Named<ClaimSort>(Sort, sort, problems) ?? ClaimSort.MostDisputed,
            RatingLabelId: Id(Rating, rating, "a rating's id", problems));
    }

    /// <summary>A positive whole number, or null when absent or unreadable (then a problem).</summary>
    public static int? Id(string parameter, string? value, string what, ICollection<ParameterProblem>? problems)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }
        problems?.Add(new ParameterProblem(parameter, $"{parameter} must be {what}, a whole number; got \"{value.Shortened(40)}\"."));
        return null;
    }

    /// <summary>
    /// One of the enum's names, in any case ("denies", "Denies"), or null when absent or unreadable (then a problem).
    /// Numbers are not names: <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would take "7" as a stance that does not exist.
    /// </summary>
    public static T? Named<T>(string parameter, string? value, ICollection<ParameterProblem>? problems) where T : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        var match = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return Enum.Parse<T>(match);
        }
        var names = string.Join(", ", Enum.GetNames<T>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n)));
        problems?.Add(new ParameterProblem(parameter, $"{parameter} must be one of {names}; got \"{value.Shortened(40)}\"."));
        return null;
    }
}
