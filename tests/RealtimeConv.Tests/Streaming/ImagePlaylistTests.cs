using RealtimeConv.Tests.Imaging;
using RealtimeConv.Viewer.Streaming;

namespace RealtimeConv.Tests.Streaming;

/// <summary>What the viewer plays: folders in natural order, files in argument order, and the input errors.</summary>
public sealed class ImagePlaylistTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AFolderPlaysInNaturalOrderAndNotesWhatItSkips()
    {
        foreach (string name in new[] { "img10.png", "img2.png", "img1.png" }) StreamingFiles.Png(_folder, name);
        _folder.Write("notes.txt", [1, 2, 3]);

        using var playlist = ImagePlaylist.Open([_folder.Path], watch: false);

        Assert.Equal(3, playlist.Count);
        Assert.Equal(["img1.png", "img2.png", "img10.png"], Enumerable.Range(0, 3).Select(i => Path.GetFileName(playlist[i])));
        Assert.Equal(["notes.txt: skipped, not an image (extension .txt)"], playlist.Skipped);
        Assert.Equal($"{_folder.Path} (3 images)", playlist.Description);
        Assert.Equal(0, playlist.Current);
    }

    [Fact]
    public void FilesAndFoldersPlayInArgumentOrder()
    {
        Directory.CreateDirectory(_folder.File("album"));
        Directory.CreateDirectory(_folder.File("loose"));
        string b = StreamingFiles.Png(_folder, "album/b.png");
        string a = StreamingFiles.Png(_folder, "album/a10.png");
        string a2 = StreamingFiles.Png(_folder, "album/a2.png");
        string single = StreamingFiles.Png(_folder, "loose/z.png");
        string text = _folder.Write("loose/readme.md", [1]);

        using var playlist = ImagePlaylist.Open([single, _folder.File("album"), text, single], watch: false);

        Assert.Equal([single, a2, a, b, single], Enumerable.Range(0, playlist.Count).Select(i => playlist[i]));
        Assert.Equal([$"{text}: skipped, not an image (extension .md)"], playlist.Skipped);
        Assert.Equal($"{single}, {_folder.File("album")}, {text} and 1 more (5 images)", playlist.Description);
    }

    [Fact]
    public void AMissingPathIsNamedWithItsReason()
    {
        StreamingFiles.Png(_folder, "here.png");
        string missing = _folder.File("not-here");

        var error = Assert.Throws<ViewerInputException>(() => ImagePlaylist.Open([_folder.Path, missing], watch: false));

        Assert.Equal($"{missing}: no such file or folder", error.Message);
        Assert.Equal(missing, error.Path);
    }

    [Fact]
    public void NoImagesIsAnErrorUnlessWatching()
    {
        _folder.Write("notes.txt", [1]);

        var error = Assert.Throws<ViewerInputException>(() => ImagePlaylist.Open([_folder.Path], watch: false));
        Assert.Equal($"{_folder.Path}: no images (1 entry skipped)", error.Message);

        using var waiting = ImagePlaylist.Open([_folder.Path], watch: true);
        Assert.Equal(0, waiting.Count);
        Assert.Equal($"{_folder.Path} (0 images)", waiting.Description);
        Assert.Equal(0, waiting.Move(1));
    }

    [Fact]
    public void MovingWrapsAtBothEnds()
    {
        foreach (string name in new[] { "a.png", "b.png", "c.png" }) StreamingFiles.Png(_folder, name);
        using var playlist = ImagePlaylist.Open([_folder.Path], watch: false);

        Assert.Equal(2, playlist.Move(-1));
        Assert.Equal(0, playlist.Move(1));
        Assert.Equal(1, playlist.Move(7));
        Assert.Throws<ArgumentOutOfRangeException>(() => playlist.Current = 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => playlist[3]);
        Assert.False(playlist.Poll());
    }
}
