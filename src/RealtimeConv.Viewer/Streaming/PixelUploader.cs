using RealtimeConv.Gpu.Context;
using RealtimeConv.Imaging;
using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Streaming;

/// <summary>
/// Puts RGBA8 images into one GL texture through pixel buffer objects, so the copy into GL memory is a plain
/// memcpy into a mapped buffer and the driver does the texture transfer on its own time.
/// </summary>
/// <remarks>
/// Two <c>GL_PIXEL_UNPACK_BUFFER</c>s are used in turn, and each is mapped with
/// <c>GL_MAP_INVALIDATE_BUFFER_BIT</c> (orphaning): if the GPU is still reading the previous upload from a
/// buffer, the driver hands out fresh storage instead of making the CPU wait. The texture has immutable
/// storage (<c>glTexStorage2D</c>) and is made again only when the image size changes, so
/// <see cref="Texture"/> changes then and only then. Use on the GL thread; every object is counted in
/// <see cref="GpuDevice.Objects"/> and deleted by <see cref="Dispose"/>.
/// </remarks>
public sealed class PixelUploader : IDisposable
{
    private const int BufferCount = 2;
    private const string Label = "viewer image";

    private readonly GpuDevice _device;
    private readonly uint[] _buffers = new uint[BufferCount];
    private readonly nuint[] _capacity = new nuint[BufferCount];
    private int _next;
    private bool _disposed;

    /// <summary>Creates the two pixel buffers (empty until the first upload); no texture yet.</summary>
    public PixelUploader(GpuDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        device.CheckThread(nameof(PixelUploader));
        _device = device;
        var gl = device.Gl;
        for (int i = 0; i < BufferCount; i++)
        {
            _buffers[i] = gl.GenBuffer();
            // A name becomes an object at its first bind; only then can it be labelled.
            gl.BindBuffer(BufferTargetARB.PixelUnpackBuffer, _buffers[i]);
            string label = $"{Label} upload {i}";
            gl.ObjectLabel(ObjectIdentifier.Buffer, _buffers[i], (uint)label.Length, label);
            device.Objects.Created("buffer");
        }
        gl.BindBuffer(BufferTargetARB.PixelUnpackBuffer, 0);
    }

    /// <summary>The RGBA8 texture holding the last upload; 0 before the first.</summary>
    public uint Texture { get; private set; }

    /// <summary>Width of <see cref="Texture"/>.</summary>
    public int Width { get; private set; }

    /// <summary>Height of <see cref="Texture"/>.</summary>
    public int Height { get; private set; }

    /// <summary>How many times the texture was (re)made: once per size change.</summary>
    public int Allocations { get; private set; }

    /// <summary>
    /// Copies <paramref name="rgba"/> (4 components) into <see cref="Texture"/>: map the next pixel buffer,
    /// copy, unmap, then <c>glTexSubImage2D</c> from the buffer at offset 0. Allocates nothing unless the size changed.
    /// </summary>
    public unsafe void Upload(PixelImage rgba)
    {
        ArgumentNullException.ThrowIfNull(rgba);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _device.CheckThread(nameof(Upload));
        if (rgba.Components != 4)
            throw new ArgumentException($"{Label}: the uploader takes RGBA8, got {rgba.ShapeText} (convert with ToRgba)", nameof(rgba));
        var gl = _device.Gl;
        if (rgba.Width != Width || rgba.Height != Height) Allocate(rgba.Width, rgba.Height);

        int slot = _next;
        _next = (_next + 1) % BufferCount;
        nuint bytes = (nuint)rgba.Pixels.Length;
        gl.BindBuffer(BufferTargetARB.PixelUnpackBuffer, _buffers[slot]);
        if (_capacity[slot] != bytes)
        {
            gl.BufferData(BufferTargetARB.PixelUnpackBuffer, bytes, null, BufferUsageARB.StreamDraw);
            _capacity[slot] = bytes;
        }
        // The unmap can fail when the driver lost the buffer's memory (a mode switch); the data is then
        // undefined and the upload is simply done again.
        for (int attempt = 0; ; attempt++)
        {
            void* target = gl.MapBufferRange(BufferTargetARB.PixelUnpackBuffer, 0, bytes,
                MapBufferAccessMask.WriteBit | MapBufferAccessMask.InvalidateBufferBit);
            if (target is null)
            {
                gl.BindBuffer(BufferTargetARB.PixelUnpackBuffer, 0);
                throw new InvalidOperationException($"{Label}: glMapBufferRange of {bytes} bytes failed (GL error {gl.GetError()})");
            }
            rgba.Pixels.AsSpan().CopyTo(new Span<byte>(target, rgba.Pixels.Length));
            if (gl.UnmapBuffer(BufferTargetARB.PixelUnpackBuffer)) break;
            if (attempt == 1)
            {
                gl.BindBuffer(BufferTargetARB.PixelUnpackBuffer, 0);
                throw new InvalidOperationException($"{Label}: the driver lost the pixel buffer's contents twice in a row");
            }
        }

        gl.BindTexture(TextureTarget.Texture2D, Texture);
        // RGBA8 rows are whole multiples of 4 bytes, the default unpack alignment; set it anyway, since other
        // code (text rendering) may leave it at 1.
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 4);
        gl.PixelStore(PixelStoreParameter.UnpackRowLength, 0);
        // With a buffer bound to GL_PIXEL_UNPACK_BUFFER the pointer argument is an offset into it.
        gl.TexSubImage2D(TextureTarget.Texture2D, 0, 0, 0, (uint)Width, (uint)Height, PixelFormat.Rgba, PixelType.UnsignedByte, (void*)0);
        // Unbind: a buffer left bound would turn every later glTexImage pointer into an offset into it.
        gl.BindBuffer(BufferTargetARB.PixelUnpackBuffer, 0);
        gl.BindTexture(TextureTarget.Texture2D, 0);
    }

    private void Allocate(int width, int height)
    {
        var gl = _device.Gl;
        DeleteTexture();
        uint texture = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, texture);
        gl.TexStorage2D(TextureTarget.Texture2D, 1, SizedInternalFormat.Rgba8, (uint)width, (uint)height);
        // Linear filtering: the display scales the picture to its tile; clamping keeps edges from wrapping.
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Linear);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Linear);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);
        gl.ObjectLabel(ObjectIdentifier.Texture, texture, (uint)Label.Length, Label);
        gl.BindTexture(TextureTarget.Texture2D, 0);
        _device.Objects.Created("texture");
        Texture = texture;
        Width = width;
        Height = height;
        Allocations++;
    }

    private void DeleteTexture()
    {
        if (Texture == 0) return;
        _device.Gl.DeleteTexture(Texture);
        _device.Objects.Deleted("texture");
        Texture = 0;
        Width = Height = 0;
    }

#if DEBUG
    /// <summary>Debug builds say when the uploader was never disposed (GL objects cannot be deleted from the finalizer thread).</summary>
    ~PixelUploader()
    {
        if (!_disposed) System.Diagnostics.Debug.WriteLine($"GL leak: PixelUploader '{Label}' was not disposed");
    }
#endif

    /// <summary>Deletes the texture and both pixel buffers. Idempotent; call on the GL thread.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _device.CheckThread(nameof(Dispose));
        _disposed = true;
        DeleteTexture();
        var gl = _device.Gl;
        for (int i = 0; i < BufferCount; i++)
        {
            gl.DeleteBuffer(_buffers[i]);
            _device.Objects.Deleted("buffer");
        }
        GC.SuppressFinalize(this);
    }
}
