using RealtimeConv.Tests.Imaging;
using RealtimeConv.Viewer.Streaming;

namespace RealtimeConv.Tests.Streaming;

/// <summary>The decode thread: what it decodes and keeps, how it fails, that it never makes the frame wait, and that it stops.</summary>
public sealed class ImagePrefetcherTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private ImagePlaylist SixImages()
    {
        for (int i = 0; i < 6; i++) StreamingFiles.Png(_folder, $"frame{i}.png", seed: i);
        return ImagePlaylist.Open([_folder.Path], watch: false);
    }

    private static StreamedImage WaitForImage(ImagePrefetcher prefetcher, int index)
    {
        StreamedImage? image = null;
        StreamingFiles.WaitFor(() => prefetcher.TryGet(index, out image), $"image {index} to decode");
        return image!;
    }

    [Fact]
    public void GoodFilesDecodeAndBadOnesGiveOneLineErrorsNamingTheFile()
    {
        StreamingFiles.Png(_folder, "a-good.png", 20, 10, seed: 1);
        StreamingFiles.CorruptPng(_folder, "b-corrupt.png");
        _folder.Write("c-empty.png", []);
        _folder.Write("d-text-inside.jpg", TestImages.Text("not a picture"));
        StreamingFiles.Png(_folder, "e-good.png", 10, 20, seed: 2);
        _folder.Write("notes.txt", TestImages.Text("hello"));
        using var playlist = ImagePlaylist.Open([_folder.Path], watch: false);
        using var prefetcher = new ImagePrefetcher(playlist, ahead: 4, behind: 0);

        Assert.Equal(5, playlist.Count);
        Assert.Equal(["notes.txt: skipped, not an image (extension .txt)"], playlist.Skipped);
        prefetcher.Request(0);
        var images = Enumerable.Range(0, 5).Select(i => WaitForImage(prefetcher, i)).ToArray();

        foreach (var good in new[] { images[0], images[4] })
        {
            Assert.True(good.IsOk, good.Error);
            Assert.Equal(4, good.Pixels!.Components);
            Assert.Equal((good.SourceWidth, good.SourceHeight), (good.Pixels.Width, good.Pixels.Height));
        }
        Assert.Equal((20, 10), (images[0].SourceWidth, images[0].SourceHeight));
        Assert.StartsWith("b-corrupt.png: corrupt", images[1].Error);
        Assert.Equal("c-empty.png: empty file (0 bytes)", images[2].Error);
        Assert.StartsWith("d-text-inside.jpg: not an image", images[3].Error);
        foreach (var bad in images[1..4])
        {
            Assert.False(bad.IsOk);
            Assert.Null(bad.Pixels);
            Assert.DoesNotContain('\n', bad.Error!);
        }
        Assert.Equal(5, prefetcher.Decoded);
        Assert.Equal(3, prefetcher.Failed);
        Assert.True(prefetcher.IsRunning, "a decode error must not end the decode thread");
    }

    [Fact]
    public void TheWindowAheadAndBehindIsDecodedAndEverythingElseEvicted()
    {
        using var playlist = SixImages();
        using var prefetcher = new ImagePrefetcher(playlist, ahead: 2, behind: 1);

        prefetcher.Request(2);
        foreach (int i in new[] { 2, 3, 4, 1 }) Assert.Equal(i, WaitForImage(prefetcher, i).Index);
        Assert.Equal(4, prefetcher.Decoded);
        Assert.False(prefetcher.TryGet(0, out _));
        Assert.False(prefetcher.TryGet(5, out _));

        // At the end the window wraps round: 5, then 0 and 1 ahead, 4 behind.
        prefetcher.Request(5);
        foreach (int i in new[] { 5, 0, 1, 4 }) WaitForImage(prefetcher, i);
        Assert.Equal(6, prefetcher.Decoded); // 1 and 4 were kept, not decoded again
        Assert.Equal(4, prefetcher.Cached);
        Assert.False(prefetcher.TryGet(2, out _));
        Assert.False(prefetcher.TryGet(3, out _));
    }

    [Fact]
    public void ASteadyFrameAllocatesNothing()
    {
        using var playlist = SixImages();
        using var prefetcher = new ImagePrefetcher(playlist, ahead: 2, behind: 1);
        prefetcher.Request(3);
        foreach (int i in new[] { 3, 4, 5, 2 }) WaitForImage(prefetcher, i);

        // What the frame loop does every frame once the window is decoded: poll, request, fetch.
        Assert.Equal(0, AllocationWindows.Quietest(1000, () =>
        {
            playlist.Poll();
            prefetcher.Request(3);
            Assert.True(prefetcher.TryGet(3, out _));
        }));
    }

    [Fact]
    public async Task TryGetNeverWaitsForADecodeInProgress()
    {
        using var playlist = SixImages();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var token = new object();
        using var prefetcher = new ImagePrefetcher(playlist, ahead: 0, behind: 0, prepare: _ =>
        {
            entered.Set();
            release.Wait();
            return token;
        });

        prefetcher.Request(0);
        Assert.True(entered.Wait(StreamingFiles.Patience), "the decode thread never reached the prepare hook");
        // The decode is now stuck inside the hook. TryGet runs on another thread so that, were it to wait
        // for the decode, the test would fail instead of hanging.
        // (WaitAsync throws TimeoutException, failing the test.)
        bool ready = await Task.Run(() => prefetcher.TryGet(0, out _)).WaitAsync(StreamingFiles.Patience);
        Assert.False(ready);

        release.Set();
        var image = WaitForImage(prefetcher, 0);
        Assert.Same(token, image.Prepared);
    }

    [Fact]
    public void LargeImagesShrinkToMaxSideAndKeepTheirAspect()
    {
        // 300×200 with maxSide 128: the box factor is ⌈300 / 128⌉ = 3, giving 100×67.
        var solid = new byte[300 * 200 * 3];
        for (int p = 0; p < 300 * 200; p++) (solid[3 * p], solid[3 * p + 1], solid[3 * p + 2]) = ((byte)200, (byte)90, (byte)10);
        _folder.Write("wide.png", TestImages.StbPng(solid, 300, 200, 3));
        StreamingFiles.Png(_folder, "small.png", 40, 30);
        using var playlist = ImagePlaylist.Open([_folder.Path], watch: false);
        using var prefetcher = new ImagePrefetcher(playlist, maxSide: 128, ahead: 1, behind: 0);

        prefetcher.Request(1);
        var wide = WaitForImage(prefetcher, 1);
        var small = WaitForImage(prefetcher, 0);

        Assert.Equal((300, 200, 3), (wide.SourceWidth, wide.SourceHeight, wide.ScaleFactor));
        Assert.Equal((100, 67), (wide.Pixels!.Width, wide.Pixels.Height));
        Assert.True(Math.Max(wide.Pixels.Width, wide.Pixels.Height) <= 128);
        // A solid picture stays solid, and RGB gains an opaque alpha.
        for (int i = 0; i < wide.Pixels.Pixels.Length; i += 4)
            Assert.Equal((200, 90, 10, 255), (wide.Pixels.Pixels[i], wide.Pixels.Pixels[i + 1], wide.Pixels.Pixels[i + 2], wide.Pixels.Pixels[i + 3]));
        Assert.Equal((40, 30, 1), (small.Pixels!.Width, small.Pixels.Height, small.ScaleFactor));
    }

    [Fact]
    public void AFileSavedOverIsDecodedAgain()
    {
        string path = StreamingFiles.Png(_folder, "live.png", 16, 16);
        using var playlist = ImagePlaylist.Open([_folder.Path], watch: false);
        using var prefetcher = new ImagePrefetcher(playlist, ahead: 0, behind: 0);
        prefetcher.Request(0);
        Assert.Equal(16, WaitForImage(prefetcher, 0).SourceWidth);

        StreamingFiles.Png(_folder, "live.png", 48, 16);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1)); // a stamp change even on a coarse clock
        playlist.Rescan();
        Assert.True(playlist.Poll());
        Assert.False(prefetcher.TryGet(0, out _)); // the old picture is gone at once
        prefetcher.Request(0);

        Assert.Equal(48, WaitForImage(prefetcher, 0).SourceWidth);
        Assert.Equal(2, prefetcher.Decoded);
    }

    [Fact]
    public void AFailingPrepareHookFailsOnlyItsImage()
    {
        using var playlist = SixImages();
        // The pattern's first byte is its seed, so the hook can tell frame1 from the others.
        using var prefetcher = new ImagePrefetcher(playlist, ahead: 2, behind: 0, prepare: pixels =>
            pixels.Pixels[0] == 1 ? throw new InvalidOperationException("no room\non the GPU") : pixels.Width);
        prefetcher.Request(0);

        var images = Enumerable.Range(0, 3).Select(i => WaitForImage(prefetcher, i)).ToArray();

        Assert.Equal("frame1.png: preparing the compute input failed: InvalidOperationException: no room on the GPU", images[1].Error);
        Assert.NotNull(images[1].Pixels);
        Assert.Equal(24, images[0].Prepared);
        Assert.Equal(24, images[2].Prepared);
        Assert.True(prefetcher.IsRunning);
    }

    [Fact]
    public void AFileAddedBeforeTheCurrentOneMovesItsImageWithoutDecodingItAgain()
    {
        StreamingFiles.Png(_folder, "a.png");
        StreamingFiles.Png(_folder, "c.png");
        using var playlist = ImagePlaylist.Open([_folder.Path], watch: false);
        using var prefetcher = new ImagePrefetcher(playlist, ahead: 0, behind: 0);
        playlist.Current = 1;
        prefetcher.Request(playlist.Current);
        WaitForImage(prefetcher, 1);

        StreamingFiles.Png(_folder, "b.png");
        playlist.Rescan();
        Assert.True(playlist.Poll());

        Assert.Equal(2, playlist.Current);
        Assert.True(prefetcher.TryGet(playlist.Current, out var moved));
        Assert.Equal((2, "c.png"), (moved.Index, moved.Name));
        prefetcher.Request(playlist.Current);
        Assert.Equal(1, prefetcher.Decoded);
    }

    [Fact]
    public async Task DisposeDropsQueuedWorkAndJoinsTheThread()
    {
        using var playlist = SixImages();
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var prefetcher = new ImagePrefetcher(playlist, ahead: 5, behind: 0, prepare: _ =>
        {
            entered.Set();
            release.Wait();
            return null;
        });
        prefetcher.Request(0);
        Assert.True(entered.Wait(StreamingFiles.Patience));

        var disposing = Task.Run(prefetcher.Dispose);
        StreamingFiles.WaitFor(() => prefetcher.StopRequested, "Dispose to signal the thread");
        release.Set();
        await disposing.WaitAsync(StreamingFiles.Patience); // throws TimeoutException if Dispose hangs

        Assert.False(prefetcher.IsRunning);
        Assert.True(prefetcher.Decoded <= 1, $"{prefetcher.Decoded} images decoded after Dispose; the 5 queued behind the first should have been dropped");
        Assert.Throws<ObjectDisposedException>(() => prefetcher.Request(0));
        prefetcher.Dispose(); // idempotent
    }

    [Fact]
    public void AnIdleThreadStopsAtDispose()
    {
        using var playlist = SixImages();
        var prefetcher = new ImagePrefetcher(playlist);
        Assert.True(prefetcher.IsRunning);
        prefetcher.Dispose();
        Assert.False(prefetcher.IsRunning);
    }
}
