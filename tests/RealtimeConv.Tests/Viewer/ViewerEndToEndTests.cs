using RealtimeConv.Imaging;
using RealtimeConv.Tests.Imaging;
using RealtimeConv.Tests.Platform;

namespace RealtimeConv.Tests.Viewer;

/// <summary>
/// The viewer as a user meets it: a real `rtconv view` on a real X server (Xvfb) with the real libglfw3,
/// driven by key presses from xdotool, checked through its log lines and its screenshots.
/// </summary>
[Collection(ViewerDisplayCollection.Name)]
public sealed class ViewerEndToEndTests(XvfbDisplay display)
{
    private static readonly string Media = Path.Combine(RepositoryRoot(), "media");

    [Fact]
    public void Keys_switch_modes_images_kernel_and_backend_and_S_saves_what_is_shown()
    {
        using var shots = new TempFolder();
        using var viewer = ViewerProcess.Start(display.DisplayName,
            "view", Media, "--screenshot-dir", shots.Path, "--no-vsync", "--size", "1200x700");
        // The first frame is side by side on astronaut.png (media/ in natural order), edges preset, K = 3;
        // edges composes exactly, so the HUD's max |std − sep| (logged with it) is rounding only.
        viewer.WaitFor(l => l.StartsWith("view: image=1/", StringComparison.Ordinal) && l.Contains("name=astronaut.png"), "astronaut.png first");
        string difference = viewer.WaitFor("view: compare ");
        Assert.True(MaxDifference(difference) <= 1e-4, difference);
        viewer.WaitFor("view: first-frame=");
        var xdo = new XdoTool(display);
        string window = xdo.FindWindowByPid(viewer.Id);

        Press(xdo, window, "1");
        viewer.WaitFor("view: mode=standard");
        var layout = ScreenRegion.FromLayoutLine(viewer.WaitFor(l => l.StartsWith("view: layout", StringComparison.Ordinal) && l.Contains("separable=none"), "a layout with one panel"));
        Assert.NotNull(layout.Standard);
        var frame = Screenshot(xdo, window, viewer, shots.Path, expectStandard: true, expectSeparable: false);
        Assert.True(layout.Standard!.Value.Contrast(frame) > 5, "the standard panel is blank in mode 1");

        Press(xdo, window, "2");
        viewer.WaitFor("view: mode=separable");
        layout = ScreenRegion.FromLayoutLine(viewer.WaitFor(l => l.StartsWith("view: layout", StringComparison.Ordinal) && l.Contains("standard=none"), "a layout with the separable panel only"));
        frame = Screenshot(xdo, window, viewer, shots.Path, expectStandard: false, expectSeparable: true);
        Assert.True(layout.Separable!.Value.Contrast(frame) > 5, "the separable panel is blank in mode 2");

        Press(xdo, window, "3");
        viewer.WaitFor("view: mode=side-by-side");
        layout = ScreenRegion.FromLayoutLine(viewer.WaitFor(l => l.StartsWith("view: layout", StringComparison.Ordinal) && !l.Contains("=none"), "a layout with both panels"));
        frame = Screenshot(xdo, window, viewer, shots.Path, expectStandard: true, expectSeparable: true);
        var (image, standard, separable) = (layout.Image!.Value, layout.Standard!.Value, layout.Separable!.Value);
        Assert.True(image.Contrast(frame) > 5, "the input image is blank");
        Assert.True(standard.Contrast(frame) > 5 && separable.Contrast(frame) > 5, "a panel is blank side by side");
        Assert.True(standard.DifferenceFrom(image, frame) > 10, "the standard panel looks like the input");
        Assert.True(separable.DifferenceFrom(image, frame) > 10, "the separable panel looks like the input");
        // The edges preset composes exactly, so both panels show the same channels in the same colours.
        Assert.True(standard.DifferenceFrom(separable, frame) < 2, "the two panels differ although the modes agree to 1e-4");

        // The window really is on the X server: ImageMagick's own photograph of it is not blank either.
        string photo = Path.Combine(shots.Path, "import.png");
        XdoTool.ScreenShot(display, window, photo);
        var photographed = ImageLoader.Load(photo).Pixels;
        Assert.True(new ScreenRegion(0, 0, photographed.Width, photographed.Height).Contrast(photographed) > 5);

        Press(xdo, window, "Right");
        viewer.WaitFor(l => l.StartsWith("view: image=2/", StringComparison.Ordinal) && l.Contains("name=brick.png"), "image 2 (brick.png)");

        Press(xdo, window, "k");
        viewer.WaitFor("view: kernel=5");
        viewer.WaitFor(l => l.StartsWith("view: pipeline=edges k5", StringComparison.Ordinal), "the edges pipeline rebuilt at K = 5");
        Assert.True(MaxDifference(viewer.WaitFor("view: compare ")) <= 1e-4);

        Press(xdo, window, "b");
        viewer.WaitFor("view: backend=gpu");
        viewer.WaitFor(l => l.StartsWith("view: pipeline=", StringComparison.Ordinal) && l.EndsWith("backend=gpu", StringComparison.Ordinal), "the chains rebuilt on the GPU");
        Assert.True(MaxDifference(viewer.WaitFor("view: compare ")) <= 1e-4);

        Press(xdo, window, "q");
        Assert.Equal(0, viewer.WaitForExit());
    }

    [Fact]
    public void Bad_files_among_good_ones_are_named_and_skipped_and_the_viewer_keeps_going()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(Path.Combine(folder.Path, "a-good.png"), TestImages.StbPng(TestImages.Pattern(64, 48, 3, seed: 1), 64, 48, 3));
        var corrupt = TestImages.StbPng(TestImages.Pattern(64, 48, 3, seed: 2), 64, 48, 3);
        Array.Fill(corrupt, (byte)0x5A, 40, corrupt.Length - 60);
        File.WriteAllBytes(Path.Combine(folder.Path, "b-corrupt.png"), corrupt);
        File.WriteAllBytes(Path.Combine(folder.Path, "c-empty.png"), []);
        File.WriteAllText(Path.Combine(folder.Path, "d-notes.txt"), "not an image");
        File.WriteAllBytes(Path.Combine(folder.Path, "e-good.png"), TestImages.StbPng(TestImages.Pattern(40, 40, 3, seed: 3), 40, 40, 3));

        using var viewer = ViewerProcess.Start(display.DisplayName,
            "view", folder.Path, "--slideshow", "0.05", "--frames", "120", "--no-vsync", "--size", "800x500");
        Assert.Equal(0, viewer.WaitForExit());
        var lines = viewer.Lines;
        Assert.Contains(lines, l => l.StartsWith("view: skipped=d-notes.txt", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("view: bad-image=b-corrupt.png: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("view: bad-image=c-empty.png: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("view: image=", StringComparison.Ordinal) && l.Contains("name=a-good.png"));
        Assert.Contains(lines, l => l.StartsWith("view: image=", StringComparison.Ordinal) && l.Contains("name=e-good.png"));
        Assert.Contains("view: closing-after-frames=120", lines);
    }

    private static void Press(XdoTool xdo, string window, string key) => xdo.PressKey(window, key);

    /// <summary>Presses S, waits for the three (or two) files it promises and returns the saved frame.</summary>
    private static PixelImage Screenshot(XdoTool xdo, string window, ViewerProcess viewer, string folder, bool expectStandard, bool expectSeparable)
    {
        var before = Directory.GetFiles(folder).ToHashSet();
        Press(xdo, window, "s");
        string framePath = Saved(viewer.WaitFor(l => l.StartsWith("view: saved=", StringComparison.Ordinal) && l.EndsWith("-frame.png", StringComparison.Ordinal), "the saved frame"));
        string stem = framePath[..^"-frame.png".Length];
        if (expectStandard) Assert.Equal(stem + "-standard.png", Saved(viewer.WaitFor(l => l.EndsWith("-standard.png", StringComparison.Ordinal), "the standard grid")));
        if (expectSeparable) Assert.Equal(stem + "-separable.png", Saved(viewer.WaitFor(l => l.EndsWith("-separable.png", StringComparison.Ordinal), "the separable grid")));
        var added = Directory.GetFiles(folder).Where(f => !before.Contains(f)).Order().ToArray();
        Assert.Equal((expectStandard ? 1 : 0) + (expectSeparable ? 1 : 0) + 1, added.Length);
        foreach (var file in added) Assert.True(ImageLoader.Load(file).Width > 0);
        return ImageLoader.Load(framePath).Pixels;
    }

    private static string Saved(string line) => line["view: saved=".Length..];

    private static double MaxDifference(string compareLine)
    {
        string value = compareLine.Split(' ').Single(f => f.StartsWith("max_abs_difference=", StringComparison.Ordinal))["max_abs_difference=".Length..];
        return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "media", "CREDITS.md"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no media/CREDITS.md above {AppContext.BaseDirectory}");
    }
}

/// <summary>One Xvfb for the viewer's end-to-end tests, which run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class ViewerDisplayCollection : ICollectionFixture<XvfbDisplay>
{
    public const string Name = "viewer display";
}
