namespace RealtimeConv.Viewer.Compute;

/// <summary>Where the viewer's convolutions run. The display is GL either way.</summary>
public enum ComputeBackendKind
{
    /// <summary>GLSL compute shaders on the window's GL context; outputs never leave the GPU.</summary>
    Gpu,

    /// <summary>The fast SIMD CPU kernels; outputs are uploaded to the GPU only to be drawn.</summary>
    Cpu,
}
