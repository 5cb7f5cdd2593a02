using RealtimeConv.Viewer.Display;
using RealtimeConv.Viewer.Loop;
using RealtimeConv.Visualization;

namespace RealtimeConv.Tests.Viewer;

public sealed class ViewerStateTests
{
    private static (ViewerState State, StringWriter Log) Make()
    {
        var log = new StringWriter();
        return (new ViewerState(new ViewerLog(log), new ViewerOptions { Inputs = ["media"] }), log);
    }

    private static string[] Lines(StringWriter log) => log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Each_change_writes_one_log_line_and_a_repeat_writes_none()
    {
        var (state, log) = Make();
        state.Mode = ViewMode.Standard;
        state.Mode = ViewMode.Standard;
        state.Kernel = 5;
        state.Preset = 1;
        state.Block = 2;
        state.Normalization = ChannelNormalization.Global;
        Assert.Equal(["view: mode=standard", "view: kernel=5", "view: preset=mobilenet", "view: layer=3", "view: normalization=global"], Lines(log));
    }

    [Fact]
    public void Side_by_side_runs_both_chains_and_single_modes_run_one()
    {
        var (state, _) = Make();
        Assert.True(state.ShowsStandard && state.ShowsSeparable);
        state.Mode = ViewMode.Standard;
        Assert.True(state.ShowsStandard && !state.ShowsSeparable);
        state.Mode = ViewMode.Separable;
        Assert.True(!state.ShowsStandard && state.ShowsSeparable);
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(5, 7)]
    [InlineData(7, 3)]
    [InlineData(9, 3)]
    public void K_cycles_three_five_seven(int from, int to)
    {
        Assert.Equal(to, ViewerState.NextKernel(from));
    }
}
