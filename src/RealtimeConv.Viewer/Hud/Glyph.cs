namespace RealtimeConv.Viewer.Hud;

/// <summary>
/// Where one character's coverage lies in the atlas and where it goes relative to the pen: the quad's
/// top-left is (pen x + <see cref="OffsetX"/>, line top + <see cref="OffsetY"/>), its size that of the
/// atlas cell. Whole pixels, so the atlas is sampled one texel per screen pixel.
/// </summary>
/// <param name="AtlasX">Left column of the cell in the atlas.</param>
/// <param name="AtlasY">Top row of the cell in the atlas.</param>
/// <param name="Width">Cell columns (0 for a blank such as space).</param>
/// <param name="Height">Cell rows.</param>
/// <param name="OffsetX">Cell's left relative to the pen.</param>
/// <param name="OffsetY">Cell's top relative to the line's top.</param>
/// <param name="Advance">How far the pen moves, in pixels.</param>
public readonly record struct Glyph(int AtlasX, int AtlasY, int Width, int Height, int OffsetX, int OffsetY, float Advance);
