namespace RealtimeConv.Gpu.Context;

/// <summary>Which EGL platform a headless context is made on.</summary>
public enum EglPlatform
{
    /// <summary>Try Mesa's surfaceless platform, then the device platform.</summary>
    Auto,

    /// <summary><c>EGL_PLATFORM_SURFACELESS_MESA</c>: Mesa drivers, llvmpipe included.</summary>
    Surfaceless,

    /// <summary><c>EGL_PLATFORM_DEVICE_EXT</c> over <c>eglQueryDevicesEXT</c>: NVIDIA's headless path.</summary>
    Device,
}
