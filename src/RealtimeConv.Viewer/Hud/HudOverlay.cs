using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Kernels;
using RealtimeConv.Pipelines;
using RealtimeConv.Viewer.Compute;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Viewer.Loop;
using RealtimeConv.Viewer.Streaming;
using RealtimeConv.Visualization;

namespace RealtimeConv.Viewer.Hud;

/// <summary>
/// What the HUD says, composed every frame into reusable lines (no allocation in the steady state):
/// the image, fps, backend and why, per-pass timings of each mode with their clock, the cost model's
/// multiplications, the theoretical and measured standard/separable ratio, the modes' max difference,
/// and every problem (bad images, shader errors) — plus the panel titles, channel labels and help.
/// </summary>
internal sealed class HudOverlay
{
    /// <summary>The standard chain's colour (titles, graph line).</summary>
    public static readonly Rgba StandardColour = new(1f, 0.62f, 0.25f, 1f);

    /// <summary>The separable chain's colour (titles, graph line).</summary>
    public static readonly Rgba SeparableColour = new(0.35f, 0.8f, 1f, 1f);

    private static readonly Rgba TextColour = new(0.92f, 0.92f, 0.92f, 1f);
    private static readonly Rgba WarningColour = new(1f, 0.45f, 0.4f, 1f);
    private static readonly Rgba DimColour = new(0.65f, 0.65f, 0.68f, 1f);
    private static readonly Rgba Backdrop = new(0f, 0f, 0f, 0.55f);

    private const int MaxLines = 40;
    private readonly LineBuilder[] _lines = Enumerable.Range(0, MaxLines).Select(_ => new LineBuilder()).ToArray();
    private readonly Rgba[] _colours = new Rgba[MaxLines];
    private readonly LineBuilder _scratch = new(64);
    private int _count;
    private float _graphScale;
    private (ResolvedBlock?, ResolvedBlock?) _notedBlocks;
    private string _blockNote = "";
    private double _smoothedFrameSeconds;
    private (ResolvedPipeline?, ResolvedPipeline?, int, int) _costKey;
    private ModeCost? _standardCost, _separableCost;

    /// <summary>Everything one frame's HUD reads.</summary>
    public readonly record struct Inputs(
        StreamedImage? Image, ImagePlaylist Playlist, int Index, IReadOnlyList<string> BadImages, ComputeStage Compute,
        ViewerState State, string BackendReason, string? ComputeError, string? VerifyResult, double FrameSeconds, float GraphScale);

    /// <summary>Rebuilds the lines from <paramref name="inputs"/>.</summary>
    public void Compose(in Inputs inputs)
    {
        _count = 0;
        _smoothedFrameSeconds = _smoothedFrameSeconds == 0 ? inputs.FrameSeconds : _smoothedFrameSeconds * 0.9 + inputs.FrameSeconds * 0.1;
        var image = inputs.Image;
        var compute = inputs.Compute;
        var state = inputs.State;

        var line = Next(TextColour);
        if (image is null)
        {
            line.Append(inputs.Playlist.Count == 0 ? "waiting for images in " : "decoding… ").Append(inputs.Playlist.Description);
        }
        else
        {
            line.Append(image.Name).Append("  ").Append(image.Pixels!.Width).Append("x").Append(image.Pixels.Height);
            if (image.SourceWidth != image.Pixels.Width) line.Append(" (of ").Append(image.SourceWidth).Append("x").Append(image.SourceHeight).Append(")");
            line.Append("  [").Append(inputs.Index + 1).Append("/").Append(inputs.Playlist.Count).Append("]");
        }
        Next(TextColour).Append(1 / _smoothedFrameSeconds, "0.0").Append(" fps  ").Append(_smoothedFrameSeconds * 1000, "0.0")
            .Append(" ms/frame (wall)   ").Append(compute.Backend == ComputeBackendKind.Gpu ? "GPU compute" : "CPU compute")
            .Append(" - ").Append(inputs.BackendReason);
        if (compute.Pipeline is { } pipeline)
        {
            var block = pipeline.Blocks[Math.Min(state.Block, pipeline.Blocks.Count - 1)];
            Next(TextColour).Append("preset ").Append(state.PresetSpec).Append("  K").Append(state.Kernel)
                .Append("   layer ").Append(state.Block + 1).Append("/").Append(pipeline.Blocks.Count).Append(" ").Append(block.Name)
                .Append("   ").Append(state.Normalization == ChannelNormalization.Global ? "global" : "per-channel").Append(" scale");
            // How each mode got this block (as defined, composed exactly, fitted with its error): it explains
            // a max |std − sep| above rounding. Note builds a string, so it is remade only when the block changes.
            int shown = Math.Min(state.Block, pipeline.Blocks.Count - 1);
            var resolved = (compute.Standard.Chain.Blocks[shown], compute.Separable.Chain.Blocks[shown]);
            if (resolved != _notedBlocks)
            {
                _notedBlocks = resolved;
                _blockNote = $"block {block.Name}: standard {resolved.Item1.Note}; separable {resolved.Item2.Note}";
            }
            Next(DimColour).Append(_blockNote);
            if (image is not null && inputs.ComputeError is null) ComposeTimings(inputs);
        }
        if (compute.Problem is { } problem) Next(WarningColour).Append(problem);
        if (inputs.ComputeError is { } error) Next(WarningColour).Append(error);
        if (inputs.VerifyResult is { } verify) Next(verify.EndsWith("FAILED", StringComparison.Ordinal) ? WarningColour : TextColour).Append(verify);
        // An indexed loop: foreach over an IReadOnlyList boxes its enumerator, an allocation every frame.
        for (int i = 0; i < inputs.BadImages.Count && _count < MaxLines - 3; i++)
            Next(WarningColour).Append("bad image: ").Append(inputs.BadImages[i]);
        int skipped = inputs.Playlist.Skipped.Count;
        for (int i = 0; i < Math.Min(skipped, 3) && _count < MaxLines - 2; i++) Next(DimColour).Append(inputs.Playlist.Skipped[i]);
        if (skipped > 3) Next(DimColour).Append("… and ").Append(skipped - 3).Append(" more skipped");
        Next(DimColour).Append(state.Paused ? "paused - " : "").Append("H: help");
        _graphScale = inputs.GraphScale;
    }

    /// <summary>Draws the lines into the layout's HUD area and the panel titles and channel labels.</summary>
    public void Draw(TextRenderer text, GlyphAtlas atlas, ViewLayout layout, ViewerState state, ComputeStage compute)
    {
        var area = layout.Hud;
        if (!area.IsEmpty)
        {
            text.FillRect(area, Backdrop);
            float y = area.Y + 4;
            for (int i = 0; i < _count && y + atlas.LineHeight <= area.Y + area.Height; i++, y += atlas.LineHeight)
                text.Add(_lines[i].Text, area.X + 6, y, _colours[i]);
        }
        var graph = layout.Graph;
        if (!graph.IsEmpty && graph.Height >= 3 * atlas.LineHeight)
        {
            // The graph's own lines are drawn after this batch, over the backdrop; the legend names them.
            text.FillRect(graph, Backdrop);
            text.Add("standard", graph.X + 4, graph.Y + 2, StandardColour);
            text.Add("separable", graph.X + 4 + atlas.MeasureWidth("standard  "), graph.Y + 2, SeparableColour);
            _scratch.Clear().Append("compute ms per frame, top ").Append(_graphScale, "0.#");
            text.Add(_scratch.Text, graph.X + 4, graph.Y + 2 + atlas.LineHeight, DimColour);
        }
        if (compute.Pipeline is null) return;
        if (!layout.StandardPanel.IsEmpty && compute.RanStandard)
        {
            Title(text, layout.StandardTitle, "standard", compute.Standard.Shown, StandardColour);
            Labels(text, atlas, layout.StandardTiles);
        }
        if (!layout.SeparablePanel.IsEmpty && compute.RanSeparable)
        {
            bool difference = state.Difference && state.Mode == ViewMode.SideBySide;
            Title(text, layout.SeparableTitle, difference ? "standard - separable" : "depthwise-separable",
                compute.Separable.Shown, difference ? TextColour : SeparableColour);
            Labels(text, atlas, layout.SeparableTiles);
        }
    }

    /// <summary>Draws the hotkey table over the middle of the window.</summary>
    public void DrawHelp(TextRenderer text, GlyphAtlas atlas, Platform.Windowing.Extent size)
    {
        int lines = Hotkeys.All.Count + 2;
        float width = 0;
        foreach (var binding in Hotkeys.All) width = Math.Max(width, atlas.MeasureWidth(binding.Description) + atlas.MeasureWidth("Esc / Q   "));
        int w = (int)width + 24, h = (int)(lines * atlas.LineHeight) + 16;
        var box = new PixelRect(Math.Max(0, (size.Width - w) / 2), Math.Max(0, (size.Height - h) / 2), w, h);
        text.FillRect(box, new Rgba(0f, 0f, 0f, 0.85f));
        float y = box.Y + 8;
        text.Add("Hotkeys", box.X + 12, y, TextColour);
        y += atlas.LineHeight * 1.5f;
        foreach (var binding in Hotkeys.All)
        {
            text.Add(binding.KeyText, box.X + 12, y, SeparableColour);
            text.Add(binding.Description, box.X + 12 + atlas.MeasureWidth("Esc / Q   "), y, TextColour);
            y += atlas.LineHeight;
        }
    }

    private void ComposeTimings(in Inputs inputs)
    {
        var compute = inputs.Compute;
        var image = inputs.Image!;
        var key = (compute.Standard.Chain, compute.Separable.Chain, image.Pixels!.Height, image.Pixels.Width);
        if (_standardCost is null || key != _costKey)
        {
            _costKey = key;
            _standardCost = new ModeCost(compute.Standard.Chain, key.Item3, key.Item4);
            _separableCost = new ModeCost(compute.Separable.Chain, key.Item3, key.Item4);
        }
        double standardMs = compute.RanStandard ? Timings(Next(StandardColour).Append("standard   "), compute.Standard, _standardCost) : double.NaN;
        double separableMs = compute.RanSeparable ? Timings(Next(SeparableColour).Append("separable  "), compute.Separable, _separableCost!) : double.NaN;
        long standardMults = _standardCost.Through(compute.Standard.Chain.Layers.Count - 1);
        long separableMults = _separableCost!.Through(compute.Separable.Chain.Layers.Count - 1);
        Next(TextColour).Append("std/sep: theory ").Append((double)standardMults / separableMults, "0.00").Append("x (mults)   measured ")
            .Append(standardMs / separableMs, "0.00").Append("x (time)   max|std-sep| ").Append(compute.MaxAbsDifference, "0.0e+0");
    }

    /// <summary>Appends "name ms" per pass, then the total, the clock and the multiplications; returns the total.</summary>
    private double Timings(LineBuilder line, IModeRunner runner, ModeCost cost)
    {
        double total = 0;
        string clock = "";
        bool fusedAny = false;
        var layers = runner.Chain.Layers;
        for (int i = 0; i < layers.Count; i++)
        {
            PassTiming timing = runner.Timing(i);
            // A depthwise layer fused into the next pass has no time of its own: the pair's time is the next layer's.
            bool fused = timing.Clock == "fused";
            fusedAny |= fused;
            if (!fused)
            {
                total += timing.Milliseconds;
                clock = timing.Clock;
            }
            if (layers.Count > 4) continue;
            line.Append(layers[i].Name);
            if (fused) line.Append(" +");
            else line.Append(" ").Append(timing.Milliseconds, "0.00");
            line.Append("  ");
        }
        line.Append("= ").Append(total, "0.00").Append(" ms [").Append(clock).Append("]  ")
            .AppendCount(cost.Through(layers.Count - 1)).Append(" mult");
        if (fusedAny) line.Append(" (+ = fused)");
        if (layers.Count > 4) line.Append("  (").Append(layers.Count).Append(" passes)");
        return total;
    }

    private void Title(TextRenderer text, (float X, float Y) at, string name, GpuFeatureMap map, Rgba colour)
    {
        _scratch.Clear().Append(name).Append("  ").Append(map.Channels).Append(" channels  ").Append(map.Width).Append("x").Append(map.Height);
        text.Add(_scratch.Text, at.X, at.Y, colour);
    }

    private void Labels(TextRenderer text, GlyphAtlas atlas, IReadOnlyList<PixelRect> tiles)
    {
        for (int i = 0; i < tiles.Count; i++)
        {
            if (tiles[i].Width < 24) break;
            _scratch.Clear().Append(i);
            // A dark tab behind the number: tiles can be white (diverging maps around 0) or any viridis colour.
            int width = (int)atlas.MeasureWidth(_scratch.Text) + 6;
            text.FillRect(new PixelRect(tiles[i].X, tiles[i].Y, width, (int)atlas.LineHeight + 2), Backdrop);
            text.Add(_scratch.Text, tiles[i].X + 3, tiles[i].Y + 1, TextColour);
        }
    }

    private LineBuilder Next(Rgba colour)
    {
        if (_count >= MaxLines) return _scratch.Clear();
        _colours[_count] = colour;
        return _lines[_count++].Clear();
    }
}
