namespace RealtimeConv.Platform.Windowing;

/// <summary>A width and height: screen coordinates for window sizes, pixels for framebuffer sizes.</summary>
/// <param name="Width">The width.</param>
/// <param name="Height">The height.</param>
public readonly record struct Extent(int Width, int Height);
