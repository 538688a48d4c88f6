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
