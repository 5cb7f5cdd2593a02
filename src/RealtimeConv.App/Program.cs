using System.CommandLine;
using RealtimeConv.App.Commands;

namespace RealtimeConv.App;

/// <summary>Entry point of <c>rtconv</c>: one subcommand per job.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the chosen subcommand.</summary>
    public static int Main(string[] args)
    {
        var root = BuildRootCommand();
        return root.Parse(args).Invoke();
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
