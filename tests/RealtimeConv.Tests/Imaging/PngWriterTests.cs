using RealtimeConv.Imaging;

namespace RealtimeConv.Tests.Imaging;

public sealed class PngWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void WriteThenDecodeGivesTheSamePixels(int components)
    {
        var image = new PixelImage(13, 7, components, TestImages.Pattern(13, 7, components, seed: components));
        string path = _folder.File($"round-{components}.png");

        PngWriter.Write(path, image);
        var back = ImageLoader.Load(path);

        Assert.Equal((13, 7, components), (back.Width, back.Height, back.Components));
        Assert.Equal(image.Pixels, back.Pixels.Pixels);
    }

    [Fact]
    public void OverwritingLeavesOnlyTheNewFileAndNoTemporaries()
    {
        string path = _folder.File("out.png");
        PngWriter.Write(path, new PixelImage(4, 4, 3, TestImages.Pattern(4, 4, 3, seed: 1)));
        var second = new PixelImage(5, 2, 4, TestImages.Pattern(5, 2, 4, seed: 2));

        PngWriter.Write(path, second);

        Assert.Equal(["out.png"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
        Assert.Equal(second.Pixels, ImageLoader.Load(path).Pixels.Pixels);
    }

    [Fact]
    public void AFailedWriteLeavesNoFileAndNamesThePath()
    {
        string missingFolder = Path.Combine(_folder.Path, "no-such-dir", "out.png");
        var ex = Assert.Throws<ImageWriteException>(() => PngWriter.Write(missingFolder, new PixelImage(2, 2, 3)));
        Assert.StartsWith($"{missingFolder}: folder ", ex.Message);

        string directory = _folder.File("taken.png");
        Directory.CreateDirectory(directory);
        var dirEx = Assert.Throws<ImageWriteException>(() => PngWriter.Write(directory, new PixelImage(2, 2, 3)));
        Assert.Equal($"{directory}: is a directory", dirEx.Message);

        Assert.Equal(["taken.png"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFileSystemEntries(directory));
    }

    [Fact]
    public void RefusesToWriteOntoAnInput()
    {
        string input = _folder.Write("photo.png", TestImages.StbPng(TestImages.Pattern(3, 3, 3), 3, 3, 3));
        var before = File.ReadAllBytes(input);
        string sameFileOtherSpelling = Path.Combine(_folder.Path, ".", "sub", "..", "photo.png");
        string link = _folder.File("alias.png");
        File.CreateSymbolicLink(link, input);
        var image = new PixelImage(2, 2, 3);

        var ex = Assert.Throws<ImageWriteException>(() => PngWriter.Write(sameFileOtherSpelling, image, [input]));
        Assert.Throws<ImageWriteException>(() => PngWriter.Write(input, image, [link]));
        Assert.Throws<ImageWriteException>(() => PngWriter.Write(link, image, [input]));

        Assert.Contains("refusing to overwrite input file", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(input));
        PngWriter.Write(_folder.File("photo-out.png"), image, [input, link]);
        Assert.True(File.Exists(_folder.File("photo-out.png")));
    }
}
