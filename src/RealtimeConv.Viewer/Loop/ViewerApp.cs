using System.Globalization;
using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using RealtimeConv.Kernels.Fast;
using RealtimeConv.Imaging;
using RealtimeConv.Layers;
using RealtimeConv.Pipelines;
using RealtimeConv.Platform.Input;
using RealtimeConv.Platform.Windowing;
using RealtimeConv.Tensors;
using RealtimeConv.Viewer.Compute;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Viewer.Hud;
using RealtimeConv.Viewer.Streaming;
using RealtimeConv.Visualization;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Loop;

/// <summary>
/// The viewer: a window's frame loop driving the frame graph
/// Streaming (playlist → background decode → texture upload) → Compute (both modes) → Display (image and
/// channel tiles) → Hud (text, timings, frame-time graph). Update handles input and streaming, Render runs
/// the convolutions and draws; both run once per frame on the window's thread, which owns the GL context.
/// </summary>
public sealed class ViewerApp : IDisposable
{
    private readonly ViewerOptions _options;
    private readonly ViewerLog _log;
    private readonly IWindow _window;
    private readonly ViewerState _state;
    private readonly FrameStats _stats = new();
    private readonly ImagePlaylist _playlist;
    private readonly ImagePrefetcher _prefetcher;
    private readonly PlaybackClock _playback;
    private readonly CurrentImage _current = new();
    private readonly List<string> _badImages = [];
    private readonly HudOverlay _hud = new();

    // Made in Load, on the window's thread (they need its GL context).
    private GpuDevice? _device;
    private ShaderLibrary? _shaders;
    private FastBackend? _cpu;
    private DifferencePass? _difference;
    private ComputeStage? _compute;
    private ChannelTileRenderer? _tiles;
    private TextureQuad? _quad;
    private GlyphAtlas? _atlas;
    private TextRenderer? _text;
    private FrameTimeGraph? _graph;
    private PixelUploader? _uploader;
    private ScreenshotWriter? _screenshots;
    private FrameVerifier? _verifier;
    private string _renderer = "";
    private string _backendReason = "";

    private int _direction = 1;
    private int _badInARow;
    private long _frame;
    private long _requestedAtFrame;
    private bool _configure = true;
    private bool _screenshotRequested;
    private bool _quitRequested;
    private bool _firstFrameLogged;
    private bool _announceDifference;
    private long _allocatedAtFrameStart = -1;
    private string? _computeError;
    private ViewLayout? _layout;
    private (int, int, ViewMode, int, int, int, int, int) _layoutKey;

    /// <summary>Opens the playlist and the window (throws ViewerInputException / PlatformUnavailableException).</summary>
    public ViewerApp(ViewerOptions options, TextWriter output)
    {
        _options = options;
        _log = new ViewerLog(output);
        _state = new ViewerState(_log, options);
        _playlist = ImagePlaylist.Open(options.Inputs, options.Watch);
        _prefetcher = new ImagePrefetcher(_playlist, options.MaxSide);
        _playback = new PlaybackClock(options.Playback, options.PlaybackSeconds);
        try
        {
            _window = Window.Create(new WindowOptions
            {
                Title = "RealtimeConv — standard vs depthwise-separable",
                Size = new Extent(options.WindowSize.Width, options.WindowSize.Height),
                VSync = options.VSync,
                Fullscreen = options.Fullscreen,
            });
        }
        catch
        {
            _prefetcher.Dispose();
            _playlist.Dispose();
            throw;
        }
        _window.Load += OnLoad;
        _window.Update += OnUpdate;
        _window.Render += OnRender;
        _window.Closing += OnClosing;
        _window.Keyboard.KeyDown += OnKeyDown;
    }

    /// <summary>The frame statistics (printed by <c>--stats</c>).</summary>
    public FrameStats Stats => _stats;

    /// <summary>Runs the frame loop until the window closes.</summary>
    public void Run() => _window.Run();

    private void OnLoad()
    {
        _device = new GpuDevice(_window.GlContext);
        _renderer = _device.Info.Renderer;
        string shaderFolder = _options.ShaderFolder ?? ShaderLibrary.DefaultDirectory;
        _shaders = new ShaderLibrary(_device, shaderFolder);
        _cpu = new FastBackend();
        _difference = new DifferencePass(_device, shaderFolder);
        _compute = new ComputeStage(_device, _shaders, _cpu, _difference);
        _tiles = new ChannelTileRenderer(_device, shaderFolder);
        _quad = new TextureQuad(_device, shaderFolder);
        _atlas = new GlyphAtlas(_device, GlyphAtlas.DefaultFontPath, 15f);
        _text = new TextRenderer(_device, _atlas, shaderFolder);
        _graph = new FrameTimeGraph(_device, shaderFolder, seriesCount: 2);
        _uploader = new PixelUploader(_device);
        _screenshots = new ScreenshotWriter(_options.ScreenshotFolder, _log, InputPaths());
        _verifier = new FrameVerifier(_log);

        var (kind, reason) = BackendSelection.Resolve(_options.Backend, _renderer);
        _state.InitialBackend(kind);
        _backendReason = reason;
        _log.Line(string.Create(CultureInfo.InvariantCulture,
            $"started renderer=\"{_renderer}\" backend={kind.ToString().ToLowerInvariant()} ({reason}) images={_playlist.Count} mode={ViewerState.ModeName(_state.Mode)} preset={_state.PresetSpec} kernel={_state.Kernel}"));
        foreach (var skipped in _playlist.Skipped) _log.Change("skipped", skipped);
        _prefetcher.Request(_playlist.Current);
        _requestedAtFrame = 0;
    }

    private void OnKeyDown(IKeyboard keyboard, Key key, int scancode)
    {
        var command = Hotkeys.For(key);
        if (command is null) return;
        switch (command.Value)
        {
            case ViewerCommand.ShowStandard: _state.Mode = ViewMode.Standard; break;
            case ViewerCommand.ShowSeparable: _state.Mode = ViewMode.Separable; break;
            case ViewerCommand.ShowSideBySide: _state.Mode = ViewMode.SideBySide; break;
            case ViewerCommand.SwitchBackend:
                _state.Backend = _state.Backend == ComputeBackendKind.Gpu ? ComputeBackendKind.Cpu : ComputeBackendKind.Gpu;
                _backendReason = "switched with B";
                _configure = true;
                break;
            case ViewerCommand.PreviousImage: Move(-1); _playback.Reset(); break;
            case ViewerCommand.NextImage: Move(+1); _playback.Reset(); break;
            case ViewerCommand.TogglePause: _state.Paused = !_state.Paused; _playback.Paused = _state.Paused; break;
            case ViewerCommand.NextPreset:
                _state.Preset = (_state.Preset + 1) % _options.Presets.Count;
                _state.Block = 0;
                _configure = true;
                break;
            case ViewerCommand.CycleKernel:
                _state.Kernel = ViewerState.NextKernel(_state.Kernel);
                _configure = true;
                break;
            case ViewerCommand.NextLayer:
                if (_compute?.Pipeline is { } pipeline) _state.Block = (_state.Block + 1) % pipeline.Blocks.Count;
                break;
            case ViewerCommand.CycleNormalization:
                _state.Normalization = _state.Normalization == ChannelNormalization.PerChannel ? ChannelNormalization.Global : ChannelNormalization.PerChannel;
                break;
            case ViewerCommand.ToggleDifference: _state.Difference = !_state.Difference; break;
            case ViewerCommand.Verify: StartVerify(); break;
            case ViewerCommand.ReloadShaders: ReloadShaders(); break;
            case ViewerCommand.Screenshot: _screenshotRequested = true; break;
            case ViewerCommand.ToggleFullscreen:
                _window.IsFullscreen = !_window.IsFullscreen;
                _log.Change("fullscreen", _window.IsFullscreen ? "on" : "off");
                break;
            case ViewerCommand.ToggleHelp: _state.Help = !_state.Help; break;
            case ViewerCommand.Quit: _quitRequested = true; break;
        }
    }

    private void OnUpdate(double seconds)
    {
        if (_playlist.Poll())
        {
            _log.Change("images", _playlist.Count);
        }
        int steps = _playback.Advance(seconds);
        if (steps > 0) Move(steps);
        if (_configure) Configure();
        if (_playlist.Count == 0) return;

        _prefetcher.Request(_playlist.Current);
        if (!_prefetcher.TryGet(_playlist.Current, out var image)) return;
        if (ReferenceEquals(image, _current.Image))
        {
            _badInARow = 0;
            return;
        }
        if (!image.IsOk)
        {
            if (!_badImages.Contains(image.Error!))
            {
                _badImages.Add(image.Error!);
                _log.Change("bad-image", image.Error!);
            }
            // Move on past it, in the direction of travel, unless every image is bad.
            if (++_badInARow < _playlist.Count) Move(_direction);
            return;
        }
        _badInARow = 0;
        bool firstImage = _current.Image is null;
        _uploader!.Upload(image.Pixels!);
        _current.Show(image, _compute!.Pipeline!.InputChannels, _cpu!.PreferredLayout);
        _computeError = null;
        _announceDifference = true;
        // The first image is a start-up cost (JIT, first decode), not a change of image.
        // Requested during frame k's events (_frame = k − 1 renders so far), shown by the coming render: 1 frame.
        if (!firstImage) _stats.AddImageChange((int)(_frame + 1 - _requestedAtFrame));
        _log.Line(string.Create(CultureInfo.InvariantCulture,
            $"image={image.Index + 1}/{_playlist.Count} name={image.Name} size={image.Pixels!.Width}x{image.Pixels.Height}"));
    }

    private void OnRender(double seconds)
    {
        _frame++;
        var gl = _device!.Gl;
        var size = _window.FramebufferSize;
        gl.Viewport(0, 0, (uint)size.Width, (uint)size.Height);
        gl.ClearColor(0.08f, 0.08f, 0.09f, 1f);
        gl.Clear(ClearBufferMask.ColorBufferBit);

        double computeMs = RunCompute();
        if (_announceDifference && _compute!.RanStandard && _compute.RanSeparable)
        {
            _announceDifference = false;
            _log.Line(string.Create(CultureInfo.InvariantCulture,
                $"compare image={_current.Image?.Name} block={_state.Block + 1} max_abs_difference={_compute.MaxAbsDifference:G3}"));
        }
        var layout = Layout(size);
        DrawPanels(layout);
        DrawHud(layout, size, seconds);

        bool last = _options.Frames is { } frames && _frame >= frames;
        if (_screenshotRequested) SaveScreenshot(size);
        if ((last || _quitRequested) && _options.ScreenshotPath is { } path)
        {
            try
            {
                _screenshots!.WriteNow(path, FramebufferCapture.ReadRgb(gl, size.Width, size.Height));
            }
            catch (Exception e) when (e is ImageWriteException or IOException or UnauthorizedAccessException)
            {
                _log.Change("screenshot-error", e.Message);
            }
        }
        // Bytes this thread allocated since the last frame began: the steady state should show 0.
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        if (_frame > 1 && _current.Input is not null && !double.IsNaN(computeMs)) _stats.AddFrame(_state.Mode, _compute!.Backend, seconds * 1000, computeMs, allocated - _allocatedAtFrameStart);
        _allocatedAtFrameStart = allocated;
        if (!_firstFrameLogged && _current.Image is not null)
        {
            _firstFrameLogged = true;
            _log.Change("first-frame", _frame);
        }
        if (last || _quitRequested) _window.Close();
    }

    private void OnClosing()
    {
        _log.Change("closing-after-frames", _frame);
    }

    private void Configure()
    {
        _configure = false;
        Pipeline pipeline;
        try
        {
            // Presets rebuild at any K; a pipeline file has its own kernels.
            pipeline = PresetCatalog.IsPreset(_state.PresetSpec)
                ? PresetCatalog.Build(_state.PresetSpec, _state.Kernel)
                : PipelineSource.Load(_state.PresetSpec);
        }
        catch (Exception e) when (e is PipelineFileException or LayerSpecException)
        {
            _log.Change("pipeline-error", e.Message);
            if (_compute!.Pipeline is not null) return;
            pipeline = PresetCatalog.Build("edges", _state.Kernel);
        }
        _compute!.Configure(pipeline, _state.Backend);
        _computeError = null;
        _state.Block = Math.Min(_state.Block, pipeline.Blocks.Count - 1);
        if (_compute.Problem is not null) _log.Change("compute-problem", _compute.Problem);
        _current.Adapt(pipeline.InputChannels);
        _current.InputChanged = true;
        _announceDifference = true;
        _log.Line($"pipeline={pipeline.Name} blocks={pipeline.Blocks.Count} backend={_compute.Backend.ToString().ToLowerInvariant()}");
    }

    private double RunCompute()
    {
        if (_current.Input is null || _computeError is not null) return double.NaN;
        bool both = _state.Mode == ViewMode.SideBySide;
        try
        {
            _compute!.Run(_current.Input, _current.InputChanged, _state.ShowsStandard, _state.ShowsSeparable, _state.Block,
                both && _state.Difference);
            _current.InputChanged = false;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OutOfMemoryException or GpuUnavailableException)
        {
            // One image the chain cannot take (too large for a GPU buffer, say) must not stop the viewer.
            _computeError = $"{_current.Image?.Name}: {e.Message}";
            _log.Change("compute-error", _computeError);
            return double.NaN;
        }
        var (standard, separable) = _compute.WallMilliseconds;
        _graph!.Add(0, (float)(double.IsNaN(standard) ? 0 : standard));
        _graph.Add(1, (float)(double.IsNaN(separable) ? 0 : separable));
        return (double.IsNaN(standard) ? 0 : standard) + (double.IsNaN(separable) ? 0 : separable);
    }

    private ViewLayout Layout(Extent size)
    {
        var image = _current.Image?.Pixels;
        var shown = _compute is { Pipeline: not null } && _current.Input is not null && _computeError is null
            ? (_state.ShowsStandard ? _compute.Standard.Shown : _compute.Separable.Shown)
            : null;
        var key = (size.Width, size.Height, _state.Mode, image?.Width ?? 1, image?.Height ?? 1,
            shown?.Channels ?? 1, shown?.Width ?? 1, shown?.Height ?? 1);
        if (_layout is not null && key == _layoutKey) return _layout;
        _layoutKey = key;
        _layout = ViewLayout.Compute(size.Width, size.Height, _state.Mode, key.Item4, key.Item5, key.Item6, key.Item7, key.Item8);
        _log.Line($"layout image={Rect(_layout.Image)} standard={Rect(_layout.StandardPanel)} separable={Rect(_layout.SeparablePanel)}");
        return _layout;
    }

    private static string Rect(PixelRect r) => r.IsEmpty ? "none" : $"{r.X},{r.Y},{r.Width},{r.Height}";

    private void DrawPanels(ViewLayout layout)
    {
        var size = _window.FramebufferSize;
        if (_current.Image is not null) _quad!.Draw(_uploader!.Texture, layout.Image, size.Width, size.Height);
        if (_current.Input is null || _computeError is not null) return;
        if (_state.ShowsStandard && _compute!.RanStandard)
            _tiles!.Draw(_compute.Standard.Shown, layout.StandardTiles, _state.Normalization, ChannelColormap.AutoViridis,
                size.Width, size.Height, _compute.Standard.ShownRanges);
        if (!_state.ShowsSeparable || !_compute!.RanSeparable) return;
        if (_state.Difference && _state.Mode == ViewMode.SideBySide)
            _tiles!.Draw(_compute.DifferenceMap, layout.SeparableTiles, _state.Normalization, ChannelColormap.AutoViridis,
                size.Width, size.Height, _compute.DifferenceRanges);
        else
            _tiles!.Draw(_compute.Separable.Shown, layout.SeparableTiles, _state.Normalization, ChannelColormap.AutoViridis,
                size.Width, size.Height, _compute.Separable.ShownRanges);
    }

    private void DrawHud(ViewLayout layout, Extent size, double seconds)
    {
        var text = _text!;
        text.Begin(size.Width, size.Height);
        _hud.Compose(new HudOverlay.Inputs(
            _current.Image, _playlist, _playlist.Current, _badImages, _compute!, _state, _backendReason, _computeError,
            _verifier!.LastResult, seconds, _graph!.ScaleMilliseconds));
        _hud.Draw(text, _atlas!, layout, _state, _compute!);
        text.Flush();
        Span<Rgba> colours = [HudOverlay.StandardColour, HudOverlay.SeparableColour];
        if (!layout.Graph.IsEmpty) _graph.Draw(layout.Graph, colours, size.Width, size.Height);
        if (_state.Help)
        {
            text.Begin(size.Width, size.Height);
            _hud.DrawHelp(text, _atlas!, size);
            text.Flush();
        }
    }

    private void SaveScreenshot(Extent size)
    {
        _screenshotRequested = false;
        if (_current.Image is null) return;
        var frame = FramebufferCapture.ReadRgb(_device!.Gl, size.Width, size.Height);
        var grids = new List<(string, FeatureMap)>();
        if (_current.Input is not null && _computeError is null)
        {
            if (_compute!.RanStandard) grids.Add(("standard", _compute.Standard.ReadLayer(BlockIndex.LastLayer(_compute.Standard.Chain, _state.Block))));
            if (_compute.RanSeparable) grids.Add(("separable", _compute.Separable.ReadLayer(BlockIndex.LastLayer(_compute.Separable.Chain, _state.Block))));
        }
        _screenshots!.Save(_current.Image.Name, frame, grids, new VisualizationOptions { Normalization = _state.Normalization });
    }

    private void StartVerify()
    {
        if (_current.Input is null || _compute?.Pipeline is null || _computeError is not null || _verifier!.IsRunning) return;
        var input = _current.Input;
        var checks = new List<(ResolvedPipeline, int, FeatureMap)>();
        foreach (var (ran, runner) in new[] { (_compute.RanStandard, _compute.Standard), (_compute.RanSeparable, _compute.Separable) })
        {
            if (!ran) continue;
            int layer = BlockIndex.LastLayer(runner.Chain, _state.Block);
            // The reference runs only as far as the shown block: later layers cannot change it.
            checks.Add((runner.Chain.Through(_state.Block), layer, runner.ReadLayer(layer)));
        }
        _log.Line("verify started");
        _verifier!.Start(input, checks);
    }

    private void ReloadShaders()
    {
        int reloaded = _shaders!.Reload();
        _tiles!.Reload();
        _difference!.Reload();
        var error = _shaders.LastError ?? _tiles.LastError ?? _difference.LastError;
        _log.Line(error is not null ? $"shaders-error={error.Message}" : $"shaders-reloaded={reloaded}");
        _configure = true;
    }

    private void Move(int steps)
    {
        if (_playlist.Count == 0) return;
        _direction = Math.Sign(steps) == 0 ? 1 : Math.Sign(steps);
        _playlist.Move(steps);
        _requestedAtFrame = _frame;
        _prefetcher.Request(_playlist.Current);
    }

    private List<string> InputPaths()
    {
        var paths = new List<string>();
        for (int i = 0; i < _playlist.Count; i++) paths.Add(_playlist[i]);
        return paths;
    }

    /// <summary>Stops the decoder, waits for screenshots and verification, releases every GL object and closes the window.</summary>
    public void Dispose()
    {
        _verifier?.Dispose();
        _screenshots?.Dispose();
        _prefetcher.Dispose();
        _playlist.Dispose();
        _uploader?.Dispose();
        _graph?.Dispose();
        _text?.Dispose();
        _atlas?.Dispose();
        _quad?.Dispose();
        _tiles?.Dispose();
        _compute?.Dispose();
        _difference?.Dispose();
        _cpu?.Dispose();
        _shaders?.Dispose();
        _window.Dispose();
    }
}
