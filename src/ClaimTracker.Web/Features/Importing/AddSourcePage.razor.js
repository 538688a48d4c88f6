// The paste box of "Add a source". The text stays in the browser while it is typed or pasted (a bound textarea would
// send all of it to the server on every change, in one message over the circuit's 64 KB limit): this counts it here,
// and hands it over as a stream when the editor saves.

const counts = new WeakMap();

function utf8Length(text) {
    return new TextEncoder().encode(text).length;
}

function describe(box, maxBytes) {
    const characters = box.value.length;
    let label = `${characters.toLocaleString("en")} character${characters === 1 ? "" : "s"}`;
    const over = characters > 0 && utf8Length(box.value) > maxBytes;
    if (over) {
        label += " — over the limit";
    }
    return { label, over };
}

export function attach(box, maxBytes) {
    const counter = document.getElementById("import-paste-count");
    if (!box || !counter || counts.has(box)) {
        return;
    }
    let pending = false;
    const update = () => {
        pending = false;
        const { label, over } = describe(box, maxBytes);
        counter.textContent = label;
        counter.classList.toggle("paste-over", over);
    };
    // Once per frame at most: a 2 MB paste is measured once, not once per keystroke queued behind it.
    box.addEventListener("input", () => {
        if (!pending) {
            pending = true;
            requestAnimationFrame(update);
        }
    });
    counts.set(box, update);
    update();
}

export function byteLength(box) {
    return box ? utf8Length(box.value) : 0;
}

export function read(box) {
    return new TextEncoder().encode(box ? box.value : "");
}
