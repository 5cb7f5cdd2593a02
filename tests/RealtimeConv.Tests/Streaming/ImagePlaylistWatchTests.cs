using RealtimeConv.Tests.Imaging;
using RealtimeConv.Viewer.Streaming;

namespace RealtimeConv.Tests.Streaming;

/// <summary>--watch: files that arrive or leave show up at a Poll, and the image on screen stays on screen.</summary>
public sealed class ImagePlaylistWatchTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TempFolder _elsewhere = new();

    public void Dispose()
    {
        _folder.Dispose();
        _elsewhere.Dispose();
    }

    private static string[] Names(ImagePlaylist playlist) =>
        [.. Enumerable.Range(0, playlist.Count).Select(i => Path.GetFileName(playlist[i]))];

    [Fact]
    public void ACopiedFileAppearsAndARemovedOneLeavesWithoutMovingTheCurrentImage()
    {
        StreamingFiles.Png(_folder, "a.png");
        StreamingFiles.Png(_folder, "c.png");
        string source = StreamingFiles.Png(_elsewhere, "b.png");
        using var playlist = ImagePlaylist.Open([_folder.Path], watch: true);
        playlist.Current = 1; // c.png on screen
        int version = playlist.Version;

        File.Copy(source, _folder.File("b.png"));
        StreamingFiles.WaitFor(() => { playlist.Poll(); return playlist.Count == 3; }, "b.png to be listed");

        Assert.Equal(["a.png", "b.png", "c.png"], Names(playlist));
        Assert.Equal("c.png", Path.GetFileName(playlist[playlist.Current]));
        Assert.Equal(2, playlist.Current);
        Assert.True(playlist.Version > version);

        File.Delete(_folder.File("a.png"));
        StreamingFiles.WaitFor(() => { playlist.Poll(); return playlist.Count == 2; }, "a.png to leave");

        Assert.Equal(["b.png", "c.png"], Names(playlist));
        Assert.Equal("c.png", Path.GetFileName(playlist[playlist.Current]));
        Assert.Equal($"{_folder.Path} (2 images)", playlist.Description);
    }

    [Fact]
    public void WhenTheCurrentFileGoesTheOneInItsPlaceBecomesCurrent()
    {
        foreach (string name in new[] { "a.png", "b.png", "c.png" }) StreamingFiles.Png(_folder, name);
        using var playlist = ImagePlaylist.Open([_folder.Path], watch: true);
        playlist.Current = 2;

        File.Delete(_folder.File("c.png"));
        StreamingFiles.WaitFor(() => { playlist.Poll(); return playlist.Count == 2; }, "c.png to leave");
        Assert.Equal(1, playlist.Current);

        File.Delete(_folder.File("a.png"));
        File.Delete(_folder.File("b.png"));
        StreamingFiles.WaitFor(() => { playlist.Poll(); return playlist.Count == 0; }, "the folder to empty");
        Assert.Equal(0, playlist.Current);
    }

    [Fact]
    public void AnEmptyWatchedFolderFillsUp()
    {
        using var playlist = ImagePlaylist.Open([_folder.Path], watch: true);
        Assert.Equal(0, playlist.Count);

        StreamingFiles.Png(_elsewhere, "first.png");
        File.Move(_elsewhere.File("first.png"), _folder.File("first.png"));
        _folder.Write("later.txt", [1]);
        StreamingFiles.WaitFor(() => { playlist.Poll(); return playlist.Count == 1 && playlist.Skipped.Count == 1; }, "first.png and the note");

        Assert.Equal(["first.png"], Names(playlist));
        Assert.Equal(["later.txt: skipped, not an image (extension .txt)"], playlist.Skipped);
    }

    [Fact]
    public void WithoutWatchingOnlyARescanByHandSeesNewFiles()
    {
        StreamingFiles.Png(_folder, "a.png");
        using var playlist = ImagePlaylist.Open([_folder.Path], watch: false);
        StreamingFiles.Png(_folder, "b.png");
        Assert.False(playlist.Poll());
        Assert.Equal(1, playlist.Count);

        playlist.Rescan();
        Assert.True(playlist.Poll());
        Assert.Equal(2, playlist.Count);
        Assert.False(playlist.Poll());
    }
}
