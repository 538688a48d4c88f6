// Scrolls the reader to the passage a link pointed at. The fragment alone is not enough:
// Blazor renders the text after the browser has already tried to follow the #fragment.
window.claimTracker = {
    scrollToFocus: function () {
        const target = document.querySelector('.source-text .focus');
        if (target) {
            target.scrollIntoView({ block: 'center' });
        }
    }
};
