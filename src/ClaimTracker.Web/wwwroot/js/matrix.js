// The stance matrix's keyboard (/matrix): the table is one stop for Tab, and the arrow keys move between its cells (a
// roving tabindex: the cell last moved to holds tabindex 0, every other -1). One listener on the document, so it works on
// the prerendered page before the circuit is up and across every re-render, with nothing to attach or detach.
// Home and End go to the ends of a row, Ctrl+Home and Ctrl+End to the first and last cell; Enter opens a cell's link.
(function () {
    function grid(table) {
        return [...table.querySelectorAll('tr[data-nav-row]')].map(row => [...row.querySelectorAll('[data-nav]')]);
    }

    // The one tab stop: whatever was focused last (a click, an arrow key), so Tab out and back returns to it.
    function makeStop(table, target) {
        table.querySelectorAll('[data-nav][tabindex="0"]').forEach(e => { if (e !== target) { e.setAttribute('tabindex', '-1'); } });
        target.setAttribute('tabindex', '0');
    }

    document.addEventListener('focusin', function (event) {
        const target = event.target instanceof Element ? event.target.closest('[data-nav]') : null;
        const table = target ? target.closest('table[data-matrix]') : null;
        if (table) {
            makeStop(table, target);
        }
    });

    document.addEventListener('keydown', function (event) {
        if (event.altKey || event.metaKey || event.shiftKey || event.isComposing) {
            return;
        }
        const current = event.target instanceof Element ? event.target.closest('[data-nav]') : null;
        const table = current ? current.closest('table[data-matrix]') : null;
        if (!table) {
            return;
        }
        const rows = grid(table);
        const r = rows.findIndex(row => row.includes(current));
        if (r < 0) {
            return;
        }
        const c = rows[r].indexOf(current);
        const last = rows.length - 1;
        let next = null;
        switch (event.key) {
            case 'ArrowRight': next = rows[r][c + 1]; break;
            case 'ArrowLeft': next = rows[r][c - 1]; break;
            case 'ArrowDown': next = r < last ? rows[r + 1][Math.min(c, rows[r + 1].length - 1)] : null; break;
            case 'ArrowUp': next = r > 0 ? rows[r - 1][Math.min(c, rows[r - 1].length - 1)] : null; break;
            case 'Home': next = event.ctrlKey ? rows[0][0] : rows[r][0]; break;
            case 'End': next = event.ctrlKey ? rows[last][rows[last].length - 1] : rows[r][rows[r].length - 1]; break;
            default: return;
        }
        if (event.ctrlKey && event.key !== 'Home' && event.key !== 'End') {
            return;
        }
        event.preventDefault(); // the arrows move between cells, not the page
        if (next) {
            makeStop(table, next);
            next.focus();
        }
    });
})();
