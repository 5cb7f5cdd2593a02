using System.CommandLine;
using RealtimeConv.App.Commands;

namespace RealtimeConv.App;

/// <summary>Entry point of <c>rtconv</c>: one subcommand per job.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen subcommand.</summary>
    public static int Main(string[] args)
    {
        var parseResult = BuildRootCommand().Parse(args);
        // Usage errors exit 2 like every other error reported before work starts (System.CommandLine
        // would use 1, which rtconv keeps for "some inputs failed").
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors) Console.Error.WriteLine($"rtconv: {error.Message}");
            Console.Error.WriteLine("rtconv: see 'rtconv --help'");
            return 2;
        }
        return parseResult.Invoke();
    }

    /// <summary>The whole command tree; tests parse against it too.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("RealtimeConv: standard vs depthwise-separable convolution, on the CPU and the GPU.");
        foreach (var command in CommandCatalog.All())
            root.Subcommands.Add(command);
        return root;
    }
}
