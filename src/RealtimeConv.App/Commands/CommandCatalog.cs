using System.CommandLine;

namespace RealtimeConv.App.Commands;

/// <summary>The list of subcommands, in the order `rtconv --help` shows them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return InfoCommand.Create();
        yield return BenchCommand.Create();
        yield return VerifyCommand.Create();
        yield return ViewCommand.Create();
        yield return RunCommand.Create();
    }
}
