using RealtimeConv.Imaging;
using RealtimeConv.Tests.Gpu;
using RealtimeConv.Tests.Imaging;
using RealtimeConv.Viewer.Streaming;
using Silk.NET.OpenGL;

namespace RealtimeConv.Tests.Streaming;

/// <summary>The PBO upload on the headless context: the texture holds exactly the pixels, and nothing leaks.</summary>
[Collection(GpuCollection.Name)]
public sealed class PixelUploaderTests(GpuFixture gpu)
{
    private static PixelImage Rgba(int width, int height, int seed) =>
        new(width, height, 4, TestImages.Pattern(width, height, 4, seed));

    private static unsafe byte[] ReadBack(GL gl, PixelUploader uploader)
    {
        var pixels = new byte[uploader.Width * uploader.Height * 4];
        Assert.Equal(GLEnum.NoError, gl.GetError()); // every GPU test leaves the shared context clean (NoGlErrorLeftAttribute)
        gl.BindTexture(TextureTarget.Texture2D, uploader.Texture);
        gl.PixelStore(PixelStoreParameter.PackAlignment, 4);
        fixed (byte* p = pixels) gl.GetTexImage(TextureTarget.Texture2D, 0, PixelFormat.Rgba, PixelType.UnsignedByte, p);
        gl.BindTexture(TextureTarget.Texture2D, 0);
        Assert.Equal(GLEnum.NoError, gl.GetError());
        return pixels;
    }

    [Fact]
    public void TheTextureHoldsEachUploadAndIsRemadeOnlyWhenTheSizeChanges()
    {
        gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            var gl = device.Gl;
            int before = device.Objects.Total, texturesBefore = device.Objects.Live("texture");
            using (var uploader = new PixelUploader(device))
            {
                Assert.Equal(0u, uploader.Texture);

                // Odd sizes, and three uploads of one size so both pixel buffers are used and one reused.
                var first = Rgba(37, 23, 1);
                uploader.Upload(first);
                uint texture = uploader.Texture;
                Assert.Equal((37, 23, 1), (uploader.Width, uploader.Height, uploader.Allocations));
                Assert.Equal(first.Pixels, ReadBack(gl, uploader));
                foreach (int seed in new[] { 2, 3 })
                {
                    var next = Rgba(37, 23, seed);
                    uploader.Upload(next);
                    Assert.Equal(texture, uploader.Texture);
                    Assert.Equal(next.Pixels, ReadBack(gl, uploader));
                }
                Assert.Equal(1, uploader.Allocations);

                var larger = Rgba(64, 9, 4);
                uploader.Upload(larger);
                Assert.Equal((64, 9, 2), (uploader.Width, uploader.Height, uploader.Allocations));
                Assert.Equal(larger.Pixels, ReadBack(gl, uploader));
                Assert.Equal(texturesBefore + 1, device.Objects.Live("texture"));
                Assert.Equal(before + 3, device.Objects.Total); // two pixel buffers and one texture

                // Nothing is left bound for the next GL user.
                gl.GetInteger(GetPName.PixelUnpackBufferBinding, out int bound);
                Assert.Equal(0, bound);
            }
            Assert.Equal(before, device.Objects.Total);
        });
    }

    [Fact]
    public void UploadsOfOneSizeAllocateNothing()
    {
        gpu.Gl(() =>
        {
            using var uploader = new PixelUploader(gpu.Backend.Device);
            var image = Rgba(32, 32, 7);
            uploader.Upload(image);
            uploader.Upload(image); // both pixel buffers sized

            Assert.Equal(0, AllocationWindows.Quietest(20, () => uploader.Upload(image)));
        });
    }

    [Fact]
    public void OnlyRgbaIsTaken()
    {
        gpu.Gl(() =>
        {
            using var uploader = new PixelUploader(gpu.Backend.Device);
            var error = Assert.Throws<ArgumentException>(() => uploader.Upload(new PixelImage(4, 4, 3)));
            Assert.Contains("4×4×3", error.Message);
            Assert.Equal(0u, uploader.Texture);
        });
    }

    [Fact]
    public void ItRefusesToRunOffTheGlThread()
    {
        Assert.Throws<InvalidOperationException>(() => new PixelUploader(gpu.Backend.Device));
    }
}
