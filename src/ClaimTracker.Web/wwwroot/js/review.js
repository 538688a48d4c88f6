// Keyboard shortcuts of the review queue (/sources/{id}/review). One listener on the document while the page is open;
// letters are ignored while the reviewer types in a field, so a name or a claim can contain "a" or "r".
// In the edit form, Enter saves and Escape cancels unless an autocomplete or select list is open (Enter then picks).
window.claimTrackerReview = (function () {
    let handler = null;

    function typingIn(target) {
        return target instanceof Element
            && !!target.closest('input, textarea, select, [contenteditable=""], [contenteditable=true], [role=combobox], [role=listbox]');
    }

    function listOpen() {
        return !!document.querySelector('.mud-popover-open');
    }

    return {
        attach: function (dotnet) {
            if (handler) {
                document.removeEventListener('keydown', handler);
            }
            handler = function (e) {
                if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) {
                    return;
                }
                const form = document.querySelector('[data-review-editing]');
                if (form) {
                    if (e.key === 'Escape' && !listOpen()) {
                        e.preventDefault();
                        dotnet.invokeMethodAsync('OnShortcut', 'Escape');
                    } else if (e.key === 'Enter' && form.contains(e.target) && !(e.target instanceof HTMLTextAreaElement)
                        && !(e.target instanceof HTMLButtonElement) && !listOpen()) {
                        e.preventDefault();
                        dotnet.invokeMethodAsync('OnShortcut', 'Enter');
                    }
                    return;
                }
                if (e.key === 'Escape') {
                    dotnet.invokeMethodAsync('OnShortcut', 'Escape');
                    return;
                }
                if (typingIn(e.target) || document.querySelector('.mud-dialog-container')) {
                    return;
                }
                const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
                if (['a', 'e', 'r', 'n', 'j', 'p', 'k', 'u', '?'].includes(key)) {
                    e.preventDefault();
                    dotnet.invokeMethodAsync('OnShortcut', key);
                }
            };
            document.addEventListener('keydown', handler);
        },
        detach: function () {
            if (handler) {
                document.removeEventListener('keydown', handler);
                handler = null;
            }
        },
        // The current suggestion's span, in the middle of the view.
        scrollToCurrent: function () {
            const target = document.querySelector('[data-testid=source-text] .review-current');
            // On a narrow screen the card is a sheet at the bottom; the span's scroll-margin-bottom keeps the passage
            // above it, its scroll-margin-top below the app bar.
            if (target) {
                target.scrollIntoView({ block: 'center' });
            }
        }
    };
})();
