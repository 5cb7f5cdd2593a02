using RealtimeConv.Platform.Input;
using RealtimeConv.Viewer.Loop;

namespace RealtimeConv.Tests.Viewer;

public sealed class HotkeysTests
{
    [Theory]
    [InlineData(Key.Number1, ViewerCommand.ShowStandard)]
    [InlineData(Key.Number2, ViewerCommand.ShowSeparable)]
    [InlineData(Key.Number3, ViewerCommand.ShowSideBySide)]
    [InlineData(Key.B, ViewerCommand.SwitchBackend)]
    [InlineData(Key.Left, ViewerCommand.PreviousImage)]
    [InlineData(Key.Right, ViewerCommand.NextImage)]
    [InlineData(Key.Space, ViewerCommand.TogglePause)]
    [InlineData(Key.P, ViewerCommand.NextPreset)]
    [InlineData(Key.K, ViewerCommand.CycleKernel)]
    [InlineData(Key.L, ViewerCommand.NextLayer)]
    [InlineData(Key.N, ViewerCommand.CycleNormalization)]
    [InlineData(Key.D, ViewerCommand.ToggleDifference)]
    [InlineData(Key.V, ViewerCommand.Verify)]
    [InlineData(Key.R, ViewerCommand.ReloadShaders)]
    [InlineData(Key.S, ViewerCommand.Screenshot)]
    [InlineData(Key.F, ViewerCommand.ToggleFullscreen)]
    [InlineData(Key.H, ViewerCommand.ToggleHelp)]
    [InlineData(Key.F1, ViewerCommand.ToggleHelp)]
    [InlineData(Key.Escape, ViewerCommand.Quit)]
    [InlineData(Key.Q, ViewerCommand.Quit)]
    public void Each_documented_key_does_what_the_issue_says(Key key, ViewerCommand command)
    {
        Assert.Equal(command, Hotkeys.For(key));
    }

    [Fact]
    public void Every_command_has_a_binding_and_no_key_is_bound_twice()
    {
        Assert.Equal(Enum.GetValues<ViewerCommand>().Order(), Hotkeys.All.Select(b => b.Command).Order());
        var keys = Hotkeys.All.SelectMany(b => b.Keys).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void The_readme_lists_every_hotkey_as_the_help_overlay_does()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        foreach (var binding in Hotkeys.All)
            Assert.Contains($"| {binding.KeyText} | {binding.Description} |", readme);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "README.md")) && Directory.Exists(Path.Combine(dir.FullName, "media"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no README.md above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void An_unbound_key_does_nothing()
    {
        Assert.Null(Hotkeys.For(Key.Z));
    }
}
