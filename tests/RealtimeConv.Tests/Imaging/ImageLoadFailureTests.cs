using RealtimeConv.Imaging;

namespace RealtimeConv.Tests.Imaging;

/// <summary>
/// Every bad input ends in an <see cref="ImageLoadException"/> whose one-line message starts with the
/// path and the fixed reason phrase; no other exception type escapes, whatever the bytes.
/// </summary>
public sealed class ImageLoadFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ImageLoadException Fails(string path, ImageLoadFailure failure, string reasonPrefix)
    {
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(path));
        Assert.Equal(failure, ex.Failure);
        Assert.Equal(path, ex.Path);
        Assert.StartsWith($"{path}: {reasonPrefix}", ex.Message);
        Assert.Contains(Path.GetFileName(path), ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        return ex;
    }

    private static byte[] GoodPng() => TestImages.StbPng(TestImages.Pattern(32, 24, 3), 32, 24, 3);

    private static byte[] GoodJpeg() => TestImages.StbJpeg(TestImages.Pattern(32, 24, 3), 32, 24, 3, quality: 90);

    [Fact]
    public void MissingFile() => Fails(_folder.File("nothing-here.png"), ImageLoadFailure.Missing, "not found: no such file");

    [Fact]
    public void AnIoErrorIsUnreadable()
    {
        // Reading /proc/self/mem from offset 0 fails with EIO (page 0 is never mapped): a real I/O error
        // that even root gets, unlike a permission test.
        Assert.True(OperatingSystem.IsLinux(), "this test needs Linux's /proc");
        var ex = Fails("/proc/self/mem", ImageLoadFailure.Unreadable, "cannot read file: ");
        Assert.IsAssignableFrom<IOException>(ex.InnerException);
    }

    [Fact]
    public void ZeroByteFile() => Fails(_folder.Write("empty.png", []), ImageLoadFailure.Empty, "empty file (0 bytes)");

    [Fact]
    public void TextFileNamedPng() =>
        Fails(_folder.Write("notes.png", TestImages.Text("these are not pixels\n")), ImageLoadFailure.NotAnImage, "not an image: ");

    [Fact]
    public void FolderNamedLikeAnImage()
    {
        string path = _folder.File("folder.png");
        Directory.CreateDirectory(path);
        Fails(path, ImageLoadFailure.NotAFile, "is a directory, not an image file");
    }

    [Fact]
    public void HeaderClaimingHundredThousandSquareIsTooLarge()
    {
        var ex = Fails(_folder.Write("huge.png", TestImages.PngHeaderOnly(100_000, 100_000)), ImageLoadFailure.TooLarge, "too large: ");
        Assert.Contains("100000×100000", ex.Message);
        Assert.Contains($"{ImageLimits.MaxSide} px per side", ex.Message);
    }

    [Fact]
    public void SidesWithinLimitButTooManyPixelsIsTooLarge()
    {
        // 16384 × 8193 > 64 Mi pixels although each side is allowed.
        var ex = Fails(_folder.Write("wide.png", TestImages.PngHeaderOnly(16384, 8193)), ImageLoadFailure.TooLarge, "too large: ");
        Assert.Contains("64 MPixel", ex.Message);
    }

    [Fact]
    public void TruncatedPngInsideImageData()
    {
        var png = GoodPng();
        var ex = Fails(_folder.Write("cut.png", png[..(png.Length * 2 / 3)]), ImageLoadFailure.Truncated, "truncated: ");
        Assert.Contains("IDAT", ex.Message);
    }

    [Fact]
    public void PngMissingOnlyItsEndChunkIsTruncated()
    {
        var png = GoodPng();
        var ex = Fails(_folder.Write("no-iend.png", png[..^12]), ImageLoadFailure.Truncated, "truncated: ");
        Assert.Contains("before the IEND chunk", ex.Message);
    }

    [Fact]
    public void PngWithADamagedByteFailsItsCrc()
    {
        var png = GoodPng();
        png[png.Length / 2] ^= 0x55;
        var ex = Fails(_folder.Write("flipped.png", png), ImageLoadFailure.Corrupt, "corrupt: ");
        Assert.Contains("CRC", ex.Message);
    }

    [Fact]
    public void FileCutInsideItsSignatureIsTruncated() =>
        Fails(_folder.Write("stub.png", [0x89, 0x50, 0x4E]), ImageLoadFailure.Truncated, "truncated: ");

    [Fact]
    public void TruncatedJpegInsideScanData()
    {
        var jpeg = GoodJpeg();
        var ex = Fails(_folder.Write("cut.jpg", jpeg[..(jpeg.Length * 3 / 4)]), ImageLoadFailure.Truncated, "truncated: ");
        Assert.Contains("before the EOI marker", ex.Message);
    }

    [Fact]
    public void TruncatedJpegInsideHeaders()
    {
        var jpeg = GoodJpeg();
        var ex = Fails(_folder.Write("head.jpg", jpeg[..40]), ImageLoadFailure.Truncated, "truncated: ");
        Assert.Contains("JPEG data ends at byte 40", ex.Message);
    }

    [Fact]
    public void TruncatedBmpGifAndPsd()
    {
        var bmp = TestImages.StbBmp(TestImages.Pattern(8, 8, 3), 8, 8, 3);
        Fails(_folder.Write("cut.bmp", bmp[..(bmp.Length - 10)]), ImageLoadFailure.Truncated, "truncated: BMP pixel data needs");

        byte[] palette = [0, 0, 0, 255, 255, 255, 9, 9, 9, 7, 7, 7];
        var gif = TestImages.Gif(6, 6, palette, new byte[36]);
        Fails(_folder.Write("cut.gif", gif[..(gif.Length - 6)]), ImageLoadFailure.Truncated, "truncated: GIF data ends");

        var psd = TestImages.Psd(4, 4, 3, new byte[48]);
        Fails(_folder.Write("cut.psd", psd[..(psd.Length - 1)]), ImageLoadFailure.Truncated, "truncated: PSD image data needs");
    }

    [Fact]
    public void CorruptJpegStructure()
    {
        var jpeg = GoodJpeg();
        // The first segment after SOI claims a length of 1, shorter than its own length field.
        jpeg[4] = 0x00;
        jpeg[5] = 0x01;
        Fails(_folder.Write("broken.jpg", jpeg), ImageLoadFailure.Corrupt, "corrupt: JPEG marker FF");
    }

    [Fact]
    public void EveryPrefixOfAGoodFileFailsCleanly()
    {
        // Cutting a file anywhere must give "truncated" (or "not an image" for a lone first byte), never
        // a decoder exception or a partly decoded image.
        var files = new (string Name, byte[] Bytes)[]
        {
            ("p.png", GoodPng()),
            ("j.jpg", GoodJpeg()),
            ("b.bmp", TestImages.StbBmp(TestImages.Pattern(5, 4, 3), 5, 4, 3)),
            ("g.gif", TestImages.Gif(4, 2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [0, 1, 2, 3, 3, 2, 1, 0])),
            ("s.psd", TestImages.Psd(3, 2, 3, TestImages.Pattern(3, 2, 3))),
            ("t.tga", TestImages.StbTga(TestImages.Pattern(5, 4, 3), 5, 4, 3)),
        };
        foreach (var (name, bytes) in files)
        {
            // A GIF's first frame is complete before its one-byte trailer; only that frame is decoded.
            int shortest = name.EndsWith(".gif", StringComparison.Ordinal) ? bytes.Length - 1 : bytes.Length;
            for (int length = 1; length < shortest; length++)
            {
                var thrown = Record.Exception(() => ImageLoader.Decode(bytes[..length], name));
                if (thrown is not ImageLoadException ex)
                {
                    Assert.Fail($"{name} cut to {length} of {bytes.Length} bytes: {thrown?.GetType().Name ?? "decoded"}");
                    return;
                }
                if (length > 1) Assert.True(ex.Failure == ImageLoadFailure.Truncated, $"{name} cut to {length} bytes: {ex.Message}");
            }
        }
    }

    /// <summary>Damaged copies per format: 5 formats × 600 = 3,000 files.</summary>
    private const int TrialsPerFormat = 600;

    /// <summary>
    /// Most a single load may allocate: the decoded RGBA of the largest image the guard admits (64 MPixel × 4 bytes).
    /// A crafted header that slipped past the guard would show here as a larger allocation.
    /// </summary>
    private const long AllocationBound = ImageLimits.MaxPixels * 4;

    [Fact]
    public void RandomDamageNeverLetsADecoderExceptionEscapeNorAllocatesPastTheLimit()
    {
        // Fixed seed: the same damaged files every run. Each either decodes or fails as ImageLoadException.
        var random = new Random(20241128);
        var files = new (string Name, byte[] Bytes)[]
        {
            ("p.png", GoodPng()),
            ("j.jpg", GoodJpeg()),
            ("b.bmp", TestImages.StbBmp(TestImages.Pattern(9, 7, 3), 9, 7, 3)),
            ("g.gif", TestImages.Gif(4, 2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [0, 1, 2, 3, 3, 2, 1, 0])),
            ("t.tga", TestImages.StbTga(TestImages.Pattern(9, 7, 4), 9, 7, 4)),
        };
        foreach (var (name, good) in files)
        {
            for (int trial = 0; trial < TrialsPerFormat; trial++)
            {
                var bytes = (byte[])good.Clone();
                int flips = 1 + random.Next(4);
                for (int f = 0; f < flips; f++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    var image = ImageLoader.Decode(bytes, name);
                    Assert.Equal((long)image.Width * image.Height * image.Components, image.Pixels.Pixels.Length);
                }
                catch (ImageLoadException)
                {
                    // The expected way to fail.
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.True(allocated <= AllocationBound, $"{name} trial {trial}: {allocated:N0} bytes allocated, above {AllocationBound:N0}");
            }
        }
    }
}
