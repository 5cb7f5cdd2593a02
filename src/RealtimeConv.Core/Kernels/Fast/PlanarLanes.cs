namespace RealtimeConv.Kernels.Fast;

/// <summary>The planar layout's lanes: one channel per block (a plane), one float per pixel.</summary>
internal readonly struct PlanarLanes : ILanes
{
    public static int Count => 1;
}
