using ClaimTracker.Web.Features.Annotations;
using ClaimTracker.Web.Features.Common;
using CsCheck;
using Xunit.Abstractions;

namespace ClaimTracker.Tests.Features.Fuzzing;

/// <summary>
/// The two pure pieces every page relies on, fed hostile strings directly (no database, so many more cases): the
/// stored-text policy always yields text that keeps it, and the note renderer never throws and never emits live markup,
/// whatever it is given, including what the save check would refuse.
/// </summary>
public sealed class RenderFuzzTests(ITestOutputHelper output)
{
    private static readonly MarkdownRenderer Renderer = new();

    [Fact]
    public void Cleaned_text_keeps_the_stored_text_policy_and_cleaning_twice_changes_nothing()
    {
        var cases = 0;
        HostileStrings.Any.Sample(value =>
        {
            Interlocked.Increment(ref cases);
            var text = InputText.Clean(value);
            var line = InputText.CleanLine(value);
            Inert.StoredText(text, multiline: true, "Clean");
            Inert.StoredText(line, multiline: false, "CleanLine");
            Assert.Equal(text, InputText.Clean(text));
            Assert.Equal(line, InputText.CleanLine(line));
            // Only what the policy removes is gone: every letter and digit typed is kept.
            Assert.Equal(value.Count(char.IsLetterOrDigit), text.Count(char.IsLetterOrDigit));
        }, writeLine: output.WriteLine, iter: 1000, print: HostileStrings.Describe);
        output.WriteLine($"fuzz cases run: {cases} into InputText.Clean and CleanLine");
    }

    [Fact]
    public void The_note_renderer_never_throws_and_never_emits_live_markup()
    {
        var (cases, accepted) = (0, 0);
        HostileStrings.Any.Sample(value =>
        {
            Interlocked.Increment(ref cases);
            // The save check first, as a save does: what it accepts, it has rendered and cached for the page.
            if (Renderer.Check(value) is null)
            {
                Interlocked.Increment(ref accepted);
            }
            var html = Renderer.ToHtml(value, noteId: 1);
            Inert.LiveFree(html, "ToHtml", value);
        }, writeLine: output.WriteLine, iter: 400, print: HostileStrings.Describe);
        output.WriteLine($"fuzz cases run: {cases} into MarkdownRenderer.ToHtml and Check ({accepted} passed the save check)");
        // Both sides really happen (that accepted notes render as Markdown is checked on every note the service fuzz saves).
        Assert.InRange(accepted, 1, cases - 1);
    }
}
