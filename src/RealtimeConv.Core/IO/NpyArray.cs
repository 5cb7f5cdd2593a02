namespace RealtimeConv.IO;

/// <summary>A float32 array read from a .npy file: its shape and its values in C (row-major) order.</summary>
/// <param name="Shape">The dimensions; empty for a 0-d (scalar) array.</param>
/// <param name="Data">Π Shape values, last dimension fastest.</param>
public sealed record NpyArray(int[] Shape, float[] Data)
{
    /// <summary>The shape as NumPy prints it: "(3, 4)", "(5,)", "()".</summary>
    public string ShapeText => NpyFile.ShapeRepr(Shape);
}
