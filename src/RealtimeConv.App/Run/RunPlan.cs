using RealtimeConv.Imaging;
using RealtimeConv.IO;

namespace RealtimeConv.App.Run;

/// <summary>
/// What <c>rtconv run</c> will read and write, worked out before any image is decoded: the inputs
/// expanded (folders listed in natural order), their output names, and the refusals that protect the
/// inputs. Inputs that cannot be listed or do not exist are failures of the run, not of the plan.
/// </summary>
internal sealed class RunPlan
{
    private RunPlan(IReadOnlyList<RunInput> images, IReadOnlyList<string> notes, IReadOnlyList<string> failures)
    {
        Images = images;
        Notes = notes;
        Failures = failures;
    }

    /// <summary>The distinct image files, in the order given (each folder's files in natural order).</summary>
    public IReadOnlyList<RunInput> Images { get; }

    /// <summary>Files skipped while listing folders, and inputs named more than once.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>One-line errors of inputs that do not exist or cannot be listed.</summary>
    public IReadOnlyList<string> Failures { get; }

    /// <summary>Expands and checks the inputs of <paramref name="options"/> for a pipeline of <paramref name="outputChannels"/> channels.</summary>
    /// <exception cref="RunUsageException">
    /// The output folder is a file, is an input folder or lies inside one, or an output would replace an input.
    /// </exception>
    public static RunPlan Build(RunOptions options, int outputChannels)
    {
        string outFolder = options.OutputFolder;
        if (File.Exists(outFolder)) throw new RunUsageException($"--out {outFolder}: is a file, expected a folder");
        var notes = new List<string>();
        var failures = new List<string>();
        var found = new List<(string Canonical, string Shown)>();
        foreach (string input in options.Inputs)
        {
            if (Directory.Exists(input))
            {
                // Outputs inside an input folder would be listed as inputs by the next run over that folder.
                if (PathIdentity.IsSameOrInside(outFolder, input))
                    throw new RunUsageException($"--out {outFolder}: is or lies inside input folder {input}; choose a folder outside the inputs");
                try
                {
                    var listing = ImageFolder.List(input);
                    foreach (string note in listing.Skipped) notes.Add(Path.Join(input, note));
                    foreach (string file in listing.Files) found.Add((PathIdentity.Canonical(file), Path.Join(input, Path.GetFileName(file))));
                }
                catch (ImageLoadException e)
                {
                    failures.Add(e.Message);
                }
            }
            else if (File.Exists(input))
            {
                found.Add((PathIdentity.Canonical(input), input));
            }
            else
            {
                failures.Add(new ImageLoadException(input, ImageLoadFailure.Missing, "no such file or folder").Message);
            }
        }

        var comparer = PathIdentity.Comparison == StringComparison.Ordinal ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;
        var seen = new HashSet<string>(comparer);
        var distinct = new List<(string Canonical, string Shown)>();
        foreach (var file in found)
        {
            if (seen.Add(file.Canonical)) distinct.Add(file);
            else notes.Add($"{file.Shown}: named more than once, run once");
        }

        var names = OutputNames.Assign(distinct.Select(f => Path.GetFileName(f.Shown)).ToArray(), distinct.Select(f => f.Canonical).ToArray());
        var images = distinct.Select((f, i) => new RunInput(f.Canonical, f.Shown, names[i])).ToArray();
        EnsureOutputsSpareInputs(options, outputChannels, images, seen, comparer);
        return new RunPlan(images, notes, failures);
    }

    /// <summary>Every file this run may write for <paramref name="image"/>, whose output has <paramref name="outputChannels"/> channels.</summary>
    public static IEnumerable<string> Outputs(RunOptions options, RunInput image, int outputChannels)
    {
        foreach (var mode in options.Modes)
        {
            if (options.Save.HasFlag(RunSaveKinds.Grid)) yield return OutputNames.File(options.OutputFolder, image.OutputName, mode, "png");
            if (options.Save.HasFlag(RunSaveKinds.Channels))
            {
                for (int c = 0; c < outputChannels; c++) yield return OutputNames.ChannelFile(options.OutputFolder, image.OutputName, mode, c);
            }
            if (options.Save.HasFlag(RunSaveKinds.Npy)) yield return OutputNames.File(options.OutputFolder, image.OutputName, mode, "npy");
        }
    }

    /// <summary>
    /// An input given as a file can sit in the output folder under an output's name (<c>a.png.standard.png</c>
    /// run again with <c>a.png</c>); such a run is refused whole rather than failing half-way.
    /// </summary>
    private static void EnsureOutputsSpareInputs(RunOptions options, int outputChannels, RunInput[] images, HashSet<string> inputs, StringComparer comparer)
    {
        var planned = new HashSet<string>(comparer);
        string report = Path.Combine(options.OutputFolder, RunReport.FileName);
        if (inputs.Contains(PathIdentity.Canonical(report)))
            throw new RunUsageException($"{report}: refusing to overwrite an input with the run's report; choose another --out");
        foreach (var image in images)
        {
            foreach (string output in Outputs(options, image, outputChannels))
            {
                string canonical = PathIdentity.Canonical(output);
                if (inputs.Contains(canonical))
                    throw new RunUsageException($"{output}: refusing to overwrite an input (output of {image.Shown}); choose another --out");
                if (!planned.Add(canonical))
                    throw new RunUsageException($"{output}: two inputs would write this file; rename one of them");
            }
        }
    }
}
