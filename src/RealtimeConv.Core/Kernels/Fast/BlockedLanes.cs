namespace RealtimeConv.Kernels.Fast;

/// <summary>The blocked layout's lanes: 8 channels per block, one vector per pixel.</summary>
internal readonly struct BlockedLanes : ILanes
{
    public static int Count => 8;
}
