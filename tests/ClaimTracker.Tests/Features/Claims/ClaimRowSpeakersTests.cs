using ClaimTracker.Tests.Infrastructure;
using ClaimTracker.Web.Domain;
using ClaimTracker.Web.Features.Claims;
using Microsoft.EntityFrameworkCore;

namespace ClaimTracker.Tests.Features.Claims;

/// <summary>The speakers a row of the claims list names, over a database of its own (the claim added here would change other classes' counts).</summary>
[BothEngines]
public class ClaimRowSpeakersTests(ClaimTrackerFactory app) : IClassFixture<ClaimTrackerFactory>
{
    /// <summary>
    /// A row names the first three who assert the claim, in the order of their first assertion, each once; a removed
    /// assertion and a denial name no one.
    /// </summary>
    [Fact]
    public async Task A_row_names_the_first_three_speakers_in_the_order_they_first_asserted_it()
    {
        int claimId;
        await using (var db = app.CreateDbContext())
        {
            var source = await db.Sources.SingleAsync(x => x.Key == "reuters-ukraine-peace-talks");
            var claim = new Claim { Key = $"speakers-{Guid.NewGuid():N}", Text = $"Speakers in order {Guid.NewGuid():N}.", CreatedAt = DateTimeOffset.UtcNow, Topics = ["testing"] };
            db.Claims.Add(claim);
            await db.SaveChangesAsync();
            claimId = claim.Id;
            const string quote = "ready to make a deal";
            var start = source.Text.IndexOf(quote, StringComparison.Ordinal);
            var n = 0;
            async Task SayAsync(string actorKey, Stance stance, bool deleted = false)
            {
                db.Attributions.Add(new Attribution
                {
                    Key = $"{claim.Key}-{n++}",
                    ActorId = await app.ActorId(actorKey),
                    ClaimId = claim.Id,
                    SourceId = source.Id,
                    Stance = stance,
                    Mode = AttributionMode.Paraphrase,
                    Anchor = TextAnchor.FromText(source.Text, start, start + quote.Length),
                    IsDeleted = deleted,
                });
                await db.SaveChangesAsync(); // one at a time: the ids give the order
            }
            await SayAsync("tulsi-gabbard", Stance.Asserts, deleted: true);
            await SayAsync("volodymyr-zelensky", Stance.Denies);
            await SayAsync("dmitry-peskov", Stance.Asserts);
            await SayAsync("donald-trump", Stance.Asserts);
            await SayAsync("dmitry-peskov", Stance.Asserts);
            await SayAsync("vladimir-putin", Stance.Endorses);
            await SayAsync("vladimir-putin", Stance.Asserts);
            await SayAsync("steve-witkoff", Stance.Asserts);
        }

        var row = (await app.GetService<ClaimService>().SearchAsync(new ClaimSearchQuery(PageSize: 100, Sort: ClaimSort.Newest), SearchTerms.Empty)).Items.Single(r => r.Id == claimId);

        Assert.Equal(["Dmitry Peskov", "Donald Trump", "Vladimir Putin"], row.Speakers);
    }
}
