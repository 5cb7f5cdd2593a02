using RealtimeConv.Kernels.Fast;

namespace RealtimeConv.Tests.Kernels.Fast;

public sealed class ConvGeometryTests
{
    [Fact]
    public void InteriorColumnsAreExactlyThoseWhoseTapsAllFallInsideTheRow()
    {
        for (int k = 1; k <= 15; k += 2)
            for (int s = 1; s <= 2; s++)
                for (int width = 1; width <= 40; width++)
                {
                    int pad = (k - 1) / 2, outWidth = (width + s - 1) / s;
                    var (x0, x1) = ConvGeometry.InteriorColumns(width, outWidth, k, s);
                    Assert.InRange(x0, 0, outWidth);
                    Assert.InRange(x1, x0, outWidth);
                    for (int ox = 0; ox < outWidth; ox++)
                    {
                        bool inside = ox * s - pad >= 0 && ox * s - pad + k - 1 <= width - 1;
                        Assert.True(inside == (ox >= x0 && ox < x1), $"K={k} s={s} width={width} ox={ox}");
                    }
                }
    }
}
