// The diagram library's script (it measures the canvas and its nodes for the circuit), loaded the first time a map is
// drawn rather than on every page. A plain script, not a module: the library expects to be one.
let loading = null;

export function loadLibrary(src) {
    if (window.ZBlazorDiagrams) {
        return Promise.resolve();
    }
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = src;
        script.onload = () => resolve();
        script.onerror = () => {
            loading = null;
            reject(new Error(`The map's script ${src} did not load.`));
        };
        document.head.appendChild(script);
    });
    return loading;
}

// The wheel over the map zooms it (the library hears it through the circuit); it must not scroll the page as well.
export function holdWheel(frame) {
    frame?.addEventListener("wheel", event => event.preventDefault(), { passive: false });
}
