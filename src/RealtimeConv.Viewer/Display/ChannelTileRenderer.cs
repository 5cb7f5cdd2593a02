using RealtimeConv.Gpu.Buffers;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Passes;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Visualization;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Display;

/// <summary>
/// Draws the channels of a <see cref="GpuFeatureMap"/> as coloured tiles, entirely on the GPU:
/// display/channel_range.comp measures every channel's range (the mirror of <c>ChannelRange.Measure</c>,
/// and their merge for global normalisation), then one instanced draw of display/tile.vert +
/// display/channel_tile.frag colours channel i into tile i exactly as
/// <see cref="ChannelVisualizer.RenderChannel"/> does (nearest-neighbour when the tile is not the map's size).
/// Nothing is read back and nothing is allocated per frame once the channel count has been seen.
/// </summary>
public sealed class ChannelTileRenderer : IDisposable
{
    /// <summary>channel_range.comp's LOCAL (invocations per workgroup) and ITERATIONS (pixels per invocation).</summary>
    private const int RangeLocal = 64, RangeIterations = 64;

    private readonly GpuDevice _device;
    private readonly RenderProgram _tiles;
    private readonly ReloadableComputeProgram _ranges;
    private readonly InstanceRects _rects;
    private GlBuffer? _rangeBuffer, _partialBuffer;
    private bool _disposed;

    /// <summary>Builds the programs from <paramref name="shaderDirectory"/> (the folder holding display/).</summary>
    /// <exception cref="ShaderCompileException">A shader does not compile (names file:line).</exception>
    public ChannelTileRenderer(GpuDevice device, string shaderDirectory)
    {
        device.CheckThread(nameof(ChannelTileRenderer));
        _device = device;
        _tiles = new RenderProgram(device, shaderDirectory, "display/tile.vert", "display/channel_tile.frag");
        try
        {
            _ranges = new ReloadableComputeProgram(device, shaderDirectory, "display/channel_range.comp");
            _rects = new InstanceRects(device, "channel tiles");
        }
        catch
        {
            _tiles.Dispose();
            _ranges?.Dispose();
            throw;
        }
    }

    /// <summary>The latest failed <see cref="Reload"/> of either program; null when both are good.</summary>
    public ShaderCompileException? LastError => _tiles.LastError ?? _ranges.LastError;

    /// <summary>
    /// Draws channel i of <paramref name="map"/> into <paramref name="tiles"/>[i] (empty tiles are
    /// skipped) with the automatic colormap: blue–white–red when the range has negatives, else viridis.
    /// </summary>
    public void Draw(GpuFeatureMap map, IReadOnlyList<PixelRect> tiles, ChannelNormalization normalization, int framebufferWidth, int framebufferHeight) =>
        Draw(map, tiles, normalization, ChannelColormap.AutoViridis, framebufferWidth, framebufferHeight);

    /// <summary>Draws as <see cref="Draw(GpuFeatureMap, IReadOnlyList{PixelRect}, ChannelNormalization, int, int)"/> with a chosen colormap.</summary>
    public void Draw(GpuFeatureMap map, IReadOnlyList<PixelRect> tiles, ChannelNormalization normalization, ChannelColormap colormap,
        int framebufferWidth, int framebufferHeight) =>
        Draw(map, tiles, normalization, colormap, framebufferWidth, framebufferHeight, measuredRanges: default);

    /// <summary>
    /// Draws as above with ranges already measured on the CPU (<c>ChannelRangeTable</c>'s packed form),
    /// skipping channel_range.comp: when the CPU computed the map it measures it far faster than a
    /// software GL renderer would. An empty span measures on the GPU.
    /// </summary>
    public void Draw(GpuFeatureMap map, IReadOnlyList<PixelRect> tiles, ChannelNormalization normalization, ChannelColormap colormap,
        int framebufferWidth, int framebufferHeight, ReadOnlySpan<float> measuredRanges)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _device.CheckThread(nameof(Draw));
        if (tiles.Count > map.Channels)
            throw new ArgumentException($"{tiles.Count} tiles for a map of {map.Channels} channels ({map.ShapeText})", nameof(tiles));
        if (tiles.Count == 0 || framebufferWidth <= 0 || framebufferHeight <= 0) return;
        if (measuredRanges.IsEmpty)
        {
            MeasureRanges(map);
        }
        else
        {
            if (measuredRanges.Length != (map.Channels + 1) * 4)
                throw new ArgumentException($"{measuredRanges.Length} range floats for a map of {map.Channels} channels", nameof(measuredRanges));
            EnsureRangeBuffer(map.Channels);
            _rangeBuffer!.Upload(measuredRanges);
        }

        var gl = _device.Gl;
        // The tiles read the map and the ranges as storage buffers written by compute shaders.
        gl.MemoryBarrier(MemoryBarrierMask.ShaderStorageBarrierBit);
        DrawState.Reset(gl, framebufferWidth, framebufferHeight);
        _rects.Upload(tiles.Count, tiles, static (t, i) => t[i]);
        _tiles.Use();
        gl.Uniform2(_tiles.Location("u_framebuffer"), (float)framebufferWidth, framebufferHeight);
        gl.Uniform2(_tiles.Location("u_map_size"), map.Width, map.Height);
        gl.Uniform1(_tiles.Location("u_channels"), map.Channels);
        gl.Uniform1(_tiles.Location("u_global"), normalization == ChannelNormalization.Global ? 1 : 0);
        gl.Uniform1(_tiles.Location("u_colormap"), (int)colormap);
        map.Buffer.Bind(0);
        _rangeBuffer!.Bind(1);
        _rects.Draw(tiles.Count);
    }

    /// <summary>
    /// Runs channel_range.comp's three passes: partial ranges per invocation over chunks of each slice,
    /// ranges[c] for every channel, and their merge at ranges[channels] (what global normalisation
    /// reads). Leaves the result on the GPU.
    /// </summary>
    internal void MeasureRanges(GpuFeatureMap map)
    {
        EnsureRangeBuffer(map.Channels);
        int chunks = ComputeDispatch.Groups(map.Height * map.Width, RangeLocal * RangeIterations);
        // One partial (four vec4: min, max, negative, finite) per invocation of the first pass.
        int partialFloats = map.Slices * chunks * RangeLocal * 4 * 4;
        if (_partialBuffer is null || _partialBuffer.Floats < partialFloats)
        {
            _partialBuffer?.Dispose();
            _partialBuffer = new GlBuffer(_device, partialFloats, "channel range partials");
        }
        var gl = _device.Gl;
        var program = _ranges.Program;
        map.Buffer.Bind(0);
        _rangeBuffer!.Bind(1);
        _partialBuffer.Bind(2);
        program.Use();
        gl.Uniform2(_ranges.Location("u_map_size"), map.Width, map.Height);
        gl.Uniform1(_ranges.Location("u_channels"), map.Channels);
        gl.Uniform1(_ranges.Location("u_chunks"), chunks);
        gl.Uniform1(_ranges.Location("u_pass"), 0);
        ComputeDispatch.Run(_device, program, chunks, map.Slices, 1, "channel_range.comp (partials)");
        program.Use();
        gl.Uniform1(_ranges.Location("u_pass"), 1);
        ComputeDispatch.Run(_device, program, map.Channels, 1, 1, "channel_range.comp (per channel)");
        program.Use();
        gl.Uniform1(_ranges.Location("u_pass"), 2);
        ComputeDispatch.Run(_device, program, 1, 1, 1, "channel_range.comp (global)");
    }

    private void EnsureRangeBuffer(int channels)
    {
        int rangeFloats = (channels + 1) * 4;
        if (_rangeBuffer is not null && _rangeBuffer.Floats >= rangeFloats) return;
        _rangeBuffer?.Dispose();
        _rangeBuffer = new GlBuffer(_device, rangeFloats, "channel ranges");
    }

    /// <summary>Measures and reads the ranges back: per channel, then the merge of all. For tests.</summary>
    internal ChannelRange[] ReadRanges(GpuFeatureMap map)
    {
        MeasureRanges(map);
        _device.Gl.MemoryBarrier(MemoryBarrierMask.BufferUpdateBarrierBit);
        var data = new float[(map.Channels + 1) * 4];
        _rangeBuffer!.Download(data);
        int count = map.Channels + 1;
        var ranges = new ChannelRange[count];
        for (int c = 0; c < count; c++)
            ranges[c] = new ChannelRange(data[c * 4], data[c * 4 + 1], data[c * 4 + 2] != 0, data[c * 4 + 3] != 0);
        return ranges;
    }

    /// <summary>Rebuilds both programs from disk; a program that fails keeps its last good version (see <see cref="LastError"/>).</summary>
    public bool Reload()
    {
        _device.CheckThread(nameof(Reload));
        bool tiles = _tiles.Reload();
        bool ranges = _ranges.Reload();
        return tiles && ranges;
    }

    /// <summary>Deletes the programs and buffers. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _tiles.Dispose();
        _ranges.Dispose();
        _rects.Dispose();
        _rangeBuffer?.Dispose();
        _partialBuffer?.Dispose();
    }
}
