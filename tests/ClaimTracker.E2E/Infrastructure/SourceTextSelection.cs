using Microsoft.Playwright;

namespace ClaimTracker.E2E.Infrastructure;

/// <summary>Selects words in a source's text (reader or review queue) the way a person dragging the mouse would.</summary>
public static class SourceTextSelection
{
    /// <summary>
    /// Selects the first occurrence of <paramref name="phrase"/> inside one text node of the source text, then waits
    /// until the page reports that selection. Pressing the mouse in the text takes the focus out of any form field
    /// first, so this does too: while a field has the focus, Chromium reports the field's own (empty) selection.
    /// </summary>
    public static async Task SelectAsync(IPage page, string phrase)
    {
        await page.EvaluateAsync(@"phrase => {
            if (document.activeElement) { document.activeElement.blur(); }
            const container = document.querySelector('[data-testid=source-text]');
            const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode()) && !node.data.includes(phrase)) { }
            if (!node) { throw new Error('Not in one text node of the source text: ' + phrase); }
            const range = document.createRange();
            const at = node.data.indexOf(phrase);
            range.setStart(node, at);
            range.setEnd(node, at + phrase.length);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
        }", phrase);
        // selection.js remembers the selection on 'selectionchange', which fires asynchronously: let it run before
        // the caller clicks a button (a click may collapse the selection).
        try
        {
            await page.WaitForFunctionAsync(
                "phrase => window.getSelection().rangeCount === 1 && window.getSelection().getRangeAt(0).toString() === phrase", phrase);
        }
        catch (TimeoutException ex)
        {
            // Say what took the selection instead: the focus moving back into a field, or the text being rendered anew.
            var state = await page.EvaluateAsync<string>(@"() => {
                const s = window.getSelection(), a = document.activeElement;
                return `selection: ${s.rangeCount ? JSON.stringify(s.getRangeAt(0).toString().slice(0, 80)) : 'none'}; ` +
                    `focus: ${a ? a.tagName + (a.id ? '#' + a.id : '') + (a.closest('[data-testid]') ? ' in ' + a.closest('[data-testid]').dataset.testid : '') : 'none'}`;
            }");
            throw new TimeoutException($"The selection of \"{phrase}\" did not hold ({state}).", ex);
        }
        await page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)))");
    }
}
