namespace RealtimeConv.Viewer.Compute;

/// <summary>The <c>--backend</c> option: a fixed backend, or <see cref="Auto"/> to pick by renderer.</summary>
public enum BackendChoice
{
    /// <summary>GPU compute on a hardware GL driver, CPU kernels on a software renderer.</summary>
    Auto,

    /// <summary>Always GPU compute.</summary>
    Gpu,

    /// <summary>Always the CPU kernels.</summary>
    Cpu,
}
