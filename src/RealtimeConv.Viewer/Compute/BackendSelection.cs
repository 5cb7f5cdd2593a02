namespace RealtimeConv.Viewer.Compute;

/// <summary>
/// Resolves <see cref="BackendChoice.Auto"/> from the GL renderer string. Software renderers (Mesa's
/// llvmpipe, softpipe, swrast) run compute shaders about 100× slower than our SIMD kernels, so there
/// the CPU computes and GL only displays.
/// </summary>
public static class BackendSelection
{
    private static readonly string[] SoftwareRenderers = ["llvmpipe", "softpipe", "swrast", "software rasterizer"];

    /// <summary>Whether <paramref name="renderer"/> (GL_RENDERER) is a software rasteriser.</summary>
    public static bool IsSoftwareRenderer(string renderer) =>
        SoftwareRenderers.Any(name => renderer.Contains(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The backend <paramref name="choice"/> means on <paramref name="renderer"/>, and why, for the HUD and the log.</summary>
    public static (ComputeBackendKind Kind, string Reason) Resolve(BackendChoice choice, string renderer) => choice switch
    {
        BackendChoice.Gpu => (ComputeBackendKind.Gpu, "--backend gpu"),
        BackendChoice.Cpu => (ComputeBackendKind.Cpu, "--backend cpu"),
        _ when IsSoftwareRenderer(renderer) => (ComputeBackendKind.Cpu, $"auto: {ShortName(renderer)} is a software renderer, GL only draws"),
        _ => (ComputeBackendKind.Gpu, $"auto: {ShortName(renderer)} computes"),
    };

    private static string ShortName(string renderer)
    {
        int cut = renderer.IndexOf(" (", StringComparison.Ordinal);
        return cut > 0 ? renderer[..cut] : renderer;
    }
}
