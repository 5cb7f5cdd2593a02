using RealtimeConv.Tests.Display;
using RealtimeConv.Tests.Gpu;
using RealtimeConv.Viewer.Display;
using RealtimeConv.Viewer.Hud;

namespace RealtimeConv.Tests.Hud;

/// <summary>The frame-time history's ring order and scale (no GL), and the graph's lines on the GPU.</summary>
[Collection(GpuCollection.Name)]
public sealed class FrameTimeGraphTests(GpuFixture gpu)
{
    [Fact]
    public void RingKeepsTheNewestSamplesOldestFirst()
    {
        var history = new FrameTimeHistory(2, 4);
        for (int i = 1; i <= 6; i++) history.Add(0, i);
        history.Add(1, 9);
        Assert.Equal(4, history.Count(0));
        Assert.Equal([3f, 4f, 5f, 6f], Enumerable.Range(0, 4).Select(i => history[0, i]));
        Assert.Equal(1, history.Count(1));
        Assert.Equal(9f, history[1, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => history[1, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Add(2, 1));
        Assert.Equal(9f, history.Max());
        history.Add(1, float.PositiveInfinity);
        Assert.Equal(9f, history.Max());
    }

    [Theory]
    [InlineData(0f, 1f)]
    [InlineData(0.3f, 1f)]
    [InlineData(1f, 1f)]
    [InlineData(1.01f, 2f)]
    [InlineData(4.9f, 5f)]
    [InlineData(5f, 5f)]
    [InlineData(16.7f, 20f)]
    [InlineData(33.4f, 50f)]
    [InlineData(51f, 100f)]
    [InlineData(float.NaN, 1f)]
    public void ScaleIsTheNextRoundNumber(float max, float scale) => Assert.Equal(scale, FrameTimeHistory.NiceScale(max));

    [Fact]
    public void LineScrollsRightAlignedAndScalesToTheArea()
    {
        var history = new FrameTimeHistory(1, 5);
        var area = new PixelRect(10, 20, 9, 11);
        history.Add(0, 0f);
        history.Add(0, 10f);
        history.Add(0, 5f);
        var xy = new float[10];
        Assert.Equal(3, history.WriteLine(0, area, 10f, xy));
        // Step (9 − 1) / (5 − 1) = 2 px; newest at the last column's centre, 18.5.
        Assert.Equal([14.5f, 30.5f, 16.5f, 20.5f, 18.5f, 25.5f], xy[..6]);
        history.Add(0, 40f);   // above the scale: clamped to the top row
        history.WriteLine(0, area, 10f, xy);
        Assert.Equal(20.5f, xy[7]);
    }

    [Fact]
    public void GraphDrawsEachSeriesInItsColourAtItsHeight()
    {
        // Series 0 steady at 5 ms (the scale: top row), series 1 at 2 ms (60 % down the area).
        var area = new PixelRect(4, 4, 41, 21);
        var (image, scale) = gpu.Gl(() =>
        {
            var device = gpu.Backend.Device;
            int before = device.Objects.Total;
            try
            {
                using var graph = new FrameTimeGraph(device, DisplayTestKit.ShaderDirectory, 2, 30);
                using var target = new OffscreenFramebuffer(device, 50, 30);
                for (int i = 0; i < 40; i++) { graph.Add(0, 5f); graph.Add(1, 2f); }
                target.Clear(0, 0, 0);
                graph.Draw(area, [new Rgba(1, 0, 0, 1), new Rgba(0, 1, 0, 1)], 50, 30);
                return (target.ReadRgba(), graph.ScaleMilliseconds);
            }
            finally
            {
                Assert.Equal(before, device.Objects.Total);
            }
        });
        Assert.Equal(5f, scale);
        int redRow = area.Y, greenRow = area.Bottom - 1 - (int)MathF.Round(0.4f * (area.Height - 1));
        for (int y = 0; y < image.Height; y++)
        {
            int red = 0, green = 0;
            for (int x = 0; x < image.Width; x++)
            {
                var p = image.Pixels.AsSpan(image.IndexOf(x, y), 4);
                if (p[0] > 200 && p[1] < 50) red++;
                if (p[1] > 200 && p[0] < 50) green++;
                Assert.True(p[2] == 0, $"blue at ({x}, {y})");
            }
            // Each line spans (almost) the whole area width on its own row and nowhere else.
            if (y == redRow) Assert.InRange(red, area.Width - 2, area.Width); else Assert.Equal(0, red);
            if (y == greenRow) Assert.InRange(green, area.Width - 2, area.Width); else Assert.Equal(0, green);
        }
    }
}
