using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Options;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ClaimTracker.Web.Features.Map;

/// <summary>
/// The drawn map (Z.Blazor.Diagrams): nodes where <see cref="MapLayout"/> put them, panned by dragging the background
/// (mouse or finger), zoomed by the wheel or the buttons, each node a link to its page.
/// <para>
/// Drawn only once the page runs in its circuit: the library measures the canvas through JavaScript, which a prerender
/// cannot (its canvas would throw when the prerender is disposed), and the prerendered page has the list anyway. Its
/// one script is loaded on the first map a reader opens, not on every page.
/// </para>
/// </summary>
public sealed partial class MapCanvas
{
    private const double ZoomStep = 1.25;

    /// <summary>Below this zoom the edges' words are too small to read and are left out; colour and dash still tell them apart.</summary>
    internal const double LabelZoom = 0.55;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Parameter, EditorRequired] public ClaimGraph Graph { get; set; } = null!;

    private BlazorDiagram diagram = null!;
    private MapPlacement placement = null!;
    private ClaimGraph? drawn;
    private bool ready;
    private bool fitted;
    private IJSObjectReference? module;
    private ElementReference frame;

    private bool Far => ready && diagram.Zoom < LabelZoom;

    private string FrameClass => "map-frame" + (Far ? " map-far" : "");

    /// <summary>
    /// The frame is no taller than the whole map at full size (a claim alone needs no screenful). Zoomed far out, a node's words are drawn larger (and fewer of them shown), so that the start of every claim can
    /// still be read on screen at about 7.5 px: at most as large as lets two lines fit in a node.
    /// </summary>
    private string FrameStyle => FormattableString.Invariant($"--map-height: {Math.Max(200, placement.Height + 48):0}px")
        + (Far ? FormattableString.Invariant($"; --map-text-scale: {Math.Min(1.85, Math.Max(1, 0.6 / diagram.Zoom)):0.###}") : "");

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(drawn, Graph))
        {
            return;
        }
        drawn = Graph;
        fitted = false;
        placement = MapLayout.Arrange(Graph);
        diagram = Build(Graph, placement);
        // The zoom decides whether edge labels are shown; the library re-renders its own layers, this frame its class.
        diagram.ZoomChanged += () => InvokeAsync(StateHasChanged);
        diagram.ContainerChanged += () => InvokeAsync(FitOnce);
    }

    internal static BlazorDiagram Build(ClaimGraph graph, MapPlacement placement)
    {
        var options = new BlazorDiagramOptions
        {
            AllowMultiSelection = false,
            // Small enough to see 200 nodes whole on a phone, large enough to read a node's words at leisure.
            // Inverse: the wheel turned away from the reader zooms in, as on every map.
            Zoom = { Enabled = true, Minimum = 0.05, Maximum = 2.5, ScaleFactor = 1.1, Inverse = true },
        };
        var diagram = new BlazorDiagram(options);
        diagram.RegisterComponent<MapNodeModel, MapNodeWidget>();
        diagram.RegisterComponent<MapLinkModel, MapLinkWidget>();
        diagram.Batch(() =>
        {
            var nodes = graph.Nodes.ToDictionary(n => n.Key, n => new MapNodeModel(n, placement.TopLeft[n.Key]));
            diagram.Nodes.Add(nodes.Values);
            var detours = MapLayout.Detours(graph, placement);
            diagram.Links.Add(graph.Edges
                .Where(e => nodes.ContainsKey(e.From) && nodes.ContainsKey(e.To))
                .Select(e =>
                {
                    var link = new MapLinkModel(e, nodes[e.From], nodes[e.To]);
                    if (detours.TryGetValue(e.Key, out var via))
                    {
                        link.Vertices.Add(new LinkVertexModel(link, new Point(via.X, via.Y)));
                    }
                    return link;
                }));
        });
        return diagram;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && RendererInfo.IsInteractive)
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Map/MapCanvas.razor.js");
            await module.InvokeVoidAsync("loadLibrary", "_content/Z.Blazor.Diagrams/script.min.js");
            await module.InvokeVoidAsync("holdWheel", frame);
            ready = true;
            StateHasChanged();
        }
    }

    /// <summary>The first time the canvas knows its size: the whole map in view, never larger than life.</summary>
    private void FitOnce()
    {
        if (!fitted && diagram.Container is not null)
        {
            fitted = true;
            Fit();
        }
    }

    private void Fit()
    {
        if (diagram.Container is not { } box || box.Width <= 0 || box.Height <= 0)
        {
            return;
        }
        var zoom = Math.Clamp(Math.Min(box.Width / placement.Width, box.Height / placement.Height), diagram.Options.Zoom.Minimum, 1);
        diagram.Batch(() =>
        {
            diagram.SetZoom(zoom);
            diagram.SetPan((box.Width - placement.Width * zoom) / 2, (box.Height - placement.Height * zoom) / 2);
        });
        StateHasChanged();
    }

    /// <summary>Zooms about the middle of the canvas, as a pinch or a wheel would about the pointer.</summary>
    private void ZoomBy(double factor)
    {
        if (diagram.Container is not { } box)
        {
            return;
        }
        var zoom = Math.Clamp(diagram.Zoom * factor, diagram.Options.Zoom.Minimum, diagram.Options.Zoom.Maximum);
        var middleX = (box.Width / 2 - diagram.Pan.X) / diagram.Zoom;
        var middleY = (box.Height / 2 - diagram.Pan.Y) / diagram.Zoom;
        diagram.Batch(() =>
        {
            diagram.SetZoom(zoom);
            diagram.SetPan(box.Width / 2 - middleX * zoom, box.Height / 2 - middleY * zoom);
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}
