using RealtimeConv.Imaging;

namespace RealtimeConv.Tests.Imaging;

public sealed class ImageFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private void Touch(string relative) => File.WriteAllBytes(Path.Combine(_folder.Path, relative), [1]);

    [Fact]
    public void ListsImagesInNaturalOrderWithNotesForTheRest()
    {
        foreach (var name in new[] { "img10.png", "img2.JPG", "img1.bmp", "notes.txt", "README", ".hidden.png" })
            Touch(name);
        Directory.CreateDirectory(_folder.File("album.png"));

        var listing = ImageFolder.List(_folder.Path);

        Assert.Equal(["img1.bmp", "img2.JPG", "img10.png"], listing.Files.Select(Path.GetFileName));
        Assert.All(listing.Files, f => Assert.True(Path.IsPathFullyQualified(f)));
        Assert.Equal(
            ["album.png: skipped, a directory named like an image", "notes.txt: skipped, not an image (extension .txt)", "README: skipped, not an image (no extension)"],
            listing.Skipped);
    }

    [Fact]
    public void RecursionVisitsSubfoldersAndStopsAtLinkLoops()
    {
        Touch("a.png");
        Directory.CreateDirectory(_folder.File("sub"));
        Touch("sub/b.png");
        Directory.CreateSymbolicLink(_folder.File("sub/back"), _folder.Path);     // loop to the root
        Directory.CreateSymbolicLink(_folder.File("sub/self"), "../sub");        // relative loop to itself
        File.CreateSymbolicLink(_folder.File("gone.png"), _folder.File("nowhere.png"));

        var listing = ImageFolder.List(_folder.Path, recursive: true);

        Assert.Equal([_folder.File("a.png"), _folder.File("sub/b.png")], listing.Files);
        Assert.Contains(listing.Skipped, n => n.StartsWith("sub/back: skipped, already visited", StringComparison.Ordinal));
        Assert.Contains(listing.Skipped, n => n.StartsWith("sub/self: skipped, already visited", StringComparison.Ordinal));
        Assert.Contains(listing.Skipped, n => n.StartsWith("gone.png: skipped, broken link", StringComparison.Ordinal));
    }

    [Fact]
    public void MissingFolderFailsWithItsName()
    {
        string path = _folder.File("absent");
        var ex = Assert.Throws<ImageLoadException>(() => ImageFolder.List(path));
        Assert.Equal(ImageLoadFailure.Missing, ex.Failure);
        Assert.StartsWith($"{path}: not found: no such folder", ex.Message);
    }
}
