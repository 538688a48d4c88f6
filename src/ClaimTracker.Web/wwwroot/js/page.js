// Behaviour every page shares, outside any one component.
(function () {
    // The reader's time zone, for the server to show times in it (ReaderClock). Set on every load: a laptop travels.
    try {
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        if (zone) {
            document.cookie = 'ct-tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; samesite=lax';
        }
    } catch (e) {
        // No Intl: times stay in UTC, labelled so.
    }

    // "Skip to content": with <base href="/">, the link's "#main-content" resolves to "/#main-content", which Blazor
    // would treat as a navigation to the home page. Handled here, before Blazor sees the click: focus moves to the
    // page's main landmark, as the link promises.
    document.addEventListener('click', function (event) {
        const link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
        if (!link) {
            return;
        }
        event.preventDefault();
        event.stopImmediatePropagation();
        const main = document.getElementById('main-content');
        if (main) {
            main.focus();
            main.scrollIntoView({ block: 'start' });
        }
    }, true);

    // The account menu (a <details> in the app bar) closes on a click elsewhere or on Escape, as menus do.
    document.addEventListener('click', function (event) {
        document.querySelectorAll('details.user-menu[open]').forEach(function (menu) {
            if (!(event.target instanceof Node) || !menu.contains(event.target)) {
                menu.removeAttribute('open');
            }
        });
    });
    document.addEventListener('keydown', function (event) {
        if (event.key !== 'Escape') {
            return;
        }
        document.querySelectorAll('details.user-menu[open]').forEach(function (menu) {
            menu.removeAttribute('open');
            menu.querySelector('summary')?.focus();
        });
    });
})();

// Moves the keyboard into a dialog or form that has just opened, unless the person is already in it. A dialog's own
// default focus (MudBlazor's focus trap) arrives two round trips after the dialog appears, whatever has happened since:
// on a slow connection someone who had clicked into a field and begun typing was moved out of it, the rest of their
// letters went nowhere, and an autocomplete left that way cleared what it held.
window.claimTrackerFocus = {
    // anchor: an element inside the dialog (the dialog itself is found from it), or a CSS selector of the container.
    intoFirstField: function (anchor) {
        const element = typeof anchor === 'string' ? document.querySelector(anchor) : anchor;
        const box = element ? (element.closest('[role=dialog]') || element) : null;
        if (!box || box.contains(document.activeElement)) {
            return;
        }
        const field = box.querySelector(
            'input:not([type=hidden]):not([type=checkbox]):not([disabled]), textarea:not([disabled]), select:not([disabled]), ' +
            '[role=combobox][tabindex]:not([tabindex="-1"])') // MudSelect's field is a focusable div, not an input
            || box.querySelector('button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])');
        if (field) {
            field.focus();
        }
    }
};
