using RealtimeConv.Imaging;

namespace RealtimeConv.Tests.Imaging;

/// <summary>Decoding of every supported format, from files the tests build themselves.</summary>
public sealed class ImageLoaderTests : IDisposable
{
    // JPEG at quality 100 of a flat colour: chroma subsampling and rounding move a level or two.
    private const int JpegFlatTolerance = 3;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void EightBitPngDecodesExactlyInItsOwnComponents(int components)
    {
        var pixels = TestImages.Pattern(7, 5, components);
        string path = _folder.Write($"c{components}.png", TestImages.StbPng(pixels, 7, 5, components));

        var image = ImageLoader.Load(path);

        Assert.Equal(ImageFormat.Png, image.Format);
        Assert.Equal(8, image.SourceBitsPerChannel);
        Assert.Equal((7, 5, components), (image.Width, image.Height, image.Components));
        Assert.Equal(pixels, image.Pixels.Pixels);
        Assert.Equal(path, image.Path);
    }

    [Fact]
    public void SixteenBitPngKeepsTheHighByte()
    {
        // 3×2 RGB at 16 bits: sample (x, y, k) = 0xHHLL with HH = pattern, LL = 0xFF - HH.
        var high = TestImages.Pattern(3, 2, 3);
        var rows = new byte[high.Length * 2];
        for (int i = 0; i < high.Length; i++)
        {
            rows[2 * i] = high[i];
            rows[2 * i + 1] = (byte)(0xFF - high[i]);
        }
        string path = _folder.Write("sixteen.png", TestImages.RawPng(3, 2, 16, 2, rows));

        var image = ImageLoader.Load(path);

        Assert.Equal(16, image.SourceBitsPerChannel);
        Assert.Equal(3, image.Components);
        Assert.Equal(high, image.Pixels.Pixels);
    }

    [Fact]
    public void SixteenBitGrayAlphaPngDecodes()
    {
        // 2×1 gray+alpha, 16-bit: (0x1234, 0xFFFF), (0xABCD, 0x8000) → high bytes.
        byte[] rows = [0x12, 0x34, 0xFF, 0xFF, 0xAB, 0xCD, 0x80, 0x00];
        string path = _folder.Write("ga16.png", TestImages.RawPng(2, 1, 16, 4, rows));

        var image = ImageLoader.Load(path);

        Assert.Equal(2, image.Components);
        Assert.Equal(new byte[] { 0x12, 0xFF, 0xAB, 0x80 }, image.Pixels.Pixels);
    }

    [Fact]
    public void PalettePngExpandsToRgbAndToRgbaWithTransparency()
    {
        byte[] palette = [255, 0, 0, 0, 255, 0, 0, 0, 255];
        byte[] indices = [0, 1, 2, 2, 1, 0]; // 3×2, 8-bit indices
        string opaque = _folder.Write("palette.png", TestImages.RawPng(3, 2, 8, 3, indices, palette));
        string clear = _folder.Write("palette-trns.png", TestImages.RawPng(3, 2, 8, 3, indices, palette, transparency: [255, 128, 0]));

        var rgb = ImageLoader.Load(opaque);
        var rgba = ImageLoader.Load(clear);

        Assert.Equal(3, rgb.Components);
        Assert.Equal(new byte[] { 255, 0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0 }, rgb.Pixels.Pixels);
        Assert.Equal(4, rgba.Components);
        Assert.Equal(new byte[] { 255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0 }, rgba.Pixels.Pixels[..12]);
    }

    [Fact]
    public void LowBitDepthGrayPngIsScaledToFullRange()
    {
        // 4×1 gray at 2 bits: levels 0, 1, 2, 3 packed in one byte 00 01 10 11 → 0, 85, 170, 255.
        string path = _folder.Write("gray2.png", TestImages.RawPng(4, 1, 2, 0, [0b00_01_10_11]));

        var image = ImageLoader.Load(path);

        Assert.Equal(new byte[] { 0, 85, 170, 255 }, image.Pixels.Pixels);
    }

    [Fact]
    public void JpegDecodesAFlatColourWithinTolerance()
    {
        var pixels = new byte[16 * 16 * 3];
        for (int i = 0; i < pixels.Length; i += 3) (pixels[i], pixels[i + 1], pixels[i + 2]) = ((byte)200, (byte)90, (byte)30);
        string path = _folder.Write("flat.jpg", TestImages.StbJpeg(pixels, 16, 16, 3));

        var image = ImageLoader.Load(path);

        Assert.Equal(ImageFormat.Jpeg, image.Format);
        Assert.Equal((16, 16, 3), (image.Width, image.Height, image.Components));
        for (int i = 0; i < pixels.Length; i++) Assert.InRange(Math.Abs(image.Pixels.Pixels[i] - pixels[i]), 0, JpegFlatTolerance);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void BmpDecodesExactly(int components)
    {
        var pixels = TestImages.Pattern(5, 3, components, seed: 9);
        string path = _folder.Write("pattern.bmp", TestImages.StbBmp(pixels, 5, 3, components));

        var image = ImageLoader.Load(path);

        Assert.Equal(ImageFormat.Bmp, image.Format);
        Assert.Equal(components, image.Components); // 24-bit BMP for RGB, 32-bit with alpha for RGBA
        Assert.Equal(pixels, image.Pixels.Pixels);
    }

    [Fact]
    public void TgaIsRecognisedByItsExtensionAndDecodesExactly()
    {
        var pixels = TestImages.Pattern(6, 4, 4, seed: 3);
        var bytes = TestImages.StbTga(pixels, 6, 4, 4);
        string path = _folder.Write("pattern.TGA", bytes);

        var image = ImageLoader.Load(path);

        Assert.Equal(ImageFormat.Tga, image.Format);
        Assert.Equal(pixels, image.Pixels.Pixels);
        // The same bytes under another extension have no signature to go by.
        var ex = Assert.Throws<ImageLoadException>(() => ImageLoader.Load(_folder.Write("pattern.dat", bytes)));
        Assert.Equal(ImageLoadFailure.NotAnImage, ex.Failure);
    }

    [Fact]
    public void GifDecodesOnlyTheFirstFrame()
    {
        byte[] palette = [0, 0, 0, 255, 0, 0, 0, 255, 0, 0, 0, 255];
        byte[] first = [0, 1, 2, 3, 3, 2, 1, 0, 1, 1, 2, 2];
        byte[] second = [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3];
        string path = _folder.Write("two-frames.gif", TestImages.Gif(4, 3, palette, first, second));

        var image = ImageLoader.Load(path);

        Assert.Equal(ImageFormat.Gif, image.Format);
        Assert.Equal((4, 3), (image.Width, image.Height));
        var px = image.Pixels;
        for (int i = 0; i < first.Length; i++)
            for (int k = 0; k < 3; k++) Assert.Equal(palette[first[i] * 3 + k], px.Pixels[i * px.Components + k]);
    }

    [Fact]
    public void PsdDecodesTheCompositeAsRgba()
    {
        var planar = TestImages.Pattern(4, 3, 3, seed: 5); // reinterpreted as 3 planes of 12
        string path = _folder.Write("raw.psd", TestImages.Psd(4, 3, 3, planar));

        var image = ImageLoader.Load(path);

        Assert.Equal(ImageFormat.Psd, image.Format);
        Assert.Equal(4, image.Components); // stb's PSD decoder always returns RGBA
        for (int p = 0; p < 12; p++)
        {
            for (int k = 0; k < 3; k++) Assert.Equal(planar[k * 12 + p], image.Pixels.Pixels[p * 4 + k]);
            Assert.Equal(255, image.Pixels.Pixels[p * 4 + 3]);
        }
    }
}
