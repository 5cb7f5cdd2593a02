namespace RealtimeConv.Imaging;

/// <summary>Why an image could not be loaded; each value has one fixed phrase in the message.</summary>
public enum ImageLoadFailure
{
    /// <summary>"not found": nothing exists at the path.</summary>
    Missing,

    /// <summary>"is a directory, not an image file": the path names a folder (even one named like an image).</summary>
    NotAFile,

    /// <summary>"cannot read file": permissions or an I/O error.</summary>
    Unreadable,

    /// <summary>"empty file (0 bytes)".</summary>
    Empty,

    /// <summary>"not an image": no supported signature (for example text renamed to .png).</summary>
    NotAnImage,

    /// <summary>"truncated": the data ends before the format says it should.</summary>
    Truncated,

    /// <summary>"corrupt": the structure or the compressed data is invalid.</summary>
    Corrupt,

    /// <summary>"too large": the header's size exceeds <see cref="ImageLimits"/>.</summary>
    TooLarge,
}
