// Scrolls the reader to the passage a link pointed at. The fragment alone is not enough:
// Blazor renders the text after the browser has already tried to follow the #fragment.
window.claimTracker = {
    scrollToFocus: function () {
        const target = document.querySelector('.source-text .focus');
        if (target) {
            // A passage taller than half the screen (a long quote on a phone) is shown from its first line, below the
            // app bar (its scroll-margin-top); a short one in the middle of the view.
            const tall = target.getBoundingClientRect().height > window.innerHeight / 2;
            target.scrollIntoView({ block: tall ? 'start' : 'center' });
        }
    }
};
