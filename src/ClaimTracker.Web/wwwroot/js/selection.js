// Maps the reader's text selection back to character offsets of the stored source text.
// The DOM inside [data-testid=source-text] holds exactly the stored text in its text nodes (marks, links and the
// empty span-anchor / paragraph-gap elements add no characters), so the length of the text between the start of
// the container and a boundary point is that point's offset. Range.toString() concatenates only text nodes,
// unlike Selection.toString(), which adds line breaks for layout.
window.claimTrackerSelection = (function () {
    const containerSelector = '[data-testid=source-text]';
    let last = null;

    function offsetOf(container, node, offset) {
        const range = document.createRange();
        range.setStart(container, 0);
        range.setEnd(node, offset);
        return range.toString().length;
    }

    function current() {
        const container = document.querySelector(containerSelector);
        const selection = window.getSelection();
        if (!container || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
            return null;
        }
        const range = selection.getRangeAt(0);
        if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) {
            return null;
        }
        const start = offsetOf(container, range.startContainer, range.startOffset);
        const end = offsetOf(container, range.endContainer, range.endOffset);
        return end > start ? { start: start, end: end, text: range.toString() } : null;
    }

    // Clicking a button elsewhere may collapse the selection first: remember the last one made in the text.
    document.addEventListener('selectionchange', function () {
        const now = current();
        if (now) {
            last = now;
        }
    });

    return {
        // The selection in the source text now, or the last one made there; null if none. Past maxLength characters
        // only the offsets come back (text: null): a whole article as text would be over the circuit's message limit.
        take: function (maxLength) {
            const result = current() || last;
            last = null;
            if (result && maxLength && result.end - result.start > maxLength) {
                return { start: result.start, end: result.end, text: null };
            }
            return result;
        }
    };
})();
