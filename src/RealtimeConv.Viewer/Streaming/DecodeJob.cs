namespace RealtimeConv.Viewer.Streaming;

/// <summary>One file for the decode thread: where it sat in the playlist when queued, and its stamp then.</summary>
internal sealed record DecodeJob(int Index, string Path, FileStamp Stamp);
