using System.Globalization;
using RealtimeConv.Viewer.Hud;

namespace RealtimeConv.Tests.Viewer;

public sealed class LineBuilderTests
{
    [Fact]
    public void Numbers_use_the_invariant_culture_whatever_the_current_one()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            // A culture with a decimal comma (the test host runs in invariant-globalization mode, so build one).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var line = new LineBuilder().Append("t ").Append(1.5, "0.00").Append(" ms, ").AppendCount(56_623_104).Append(", ").Append(double.NaN, "0.0");
            Assert.Equal("t 1.50 ms, 56.6 M, -", line.Text.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Text_past_the_capacity_is_cut_off()
    {
        var line = new LineBuilder(8).Append("0123456789").Append(12345L);
        Assert.Equal("01234567", line.Text.ToString());
    }

    [Fact]
    public void Rebuilding_a_line_allocates_nothing()
    {
        var line = new LineBuilder();
        line.Clear().Append("fps ").Append(59.9, "0.0").AppendCount(1_210_000_000);
        int i = 0;
        Assert.Equal(0, AllocationWindows.Quietest(1000, () =>
        {
            line.Clear().Append("fps ").Append(i * 0.1, "0.0").Append(" ").Append(i).AppendCount(i * 1_000_003L);
            i++;
        }));
    }
}
