namespace RealtimeConv.Imaging;

/// <summary>What a format's own header says, read before decoding so the size limits can be checked first.</summary>
internal readonly record struct ImageHeader(ImageFormat Format, long Width, long Height, int BitsPerChannel);
