namespace RealtimeConv.Imaging;

/// <summary>What <see cref="ImageFolder.List"/> found.</summary>
/// <param name="Files">Full paths of the image files, in natural order.</param>
/// <param name="Skipped">One line per entry that was left out and why (hidden entries are left out silently).</param>
public sealed record ImageFolderListing(IReadOnlyList<string> Files, IReadOnlyList<string> Skipped);
