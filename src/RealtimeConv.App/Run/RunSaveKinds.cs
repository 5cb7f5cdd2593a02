namespace RealtimeConv.App.Run;

/// <summary>What <c>rtconv run</c> writes per image and mode (<c>--save grid,channels,npy</c>).</summary>
[Flags]
internal enum RunSaveKinds
{
    /// <summary>Nothing (never accepted on the command line).</summary>
    None = 0,

    /// <summary>A PNG grid of the final output's channels.</summary>
    Grid = 1,

    /// <summary>The final output as float32 (C, H, W) .npy.</summary>
    Npy = 2,

    /// <summary>One PNG per output channel (<c>&lt;name&gt;.&lt;mode&gt;.c&lt;index&gt;.png</c>).</summary>
    Channels = 4,
}
