using System.Text.Json;
using RealtimeConv.Pipelines;

namespace RealtimeConv.App.Run;

/// <summary>
/// <c>report.json</c>, written into the <c>--out</c> folder at the end of every <c>rtconv run</c> that got as far
/// as processing images (atomically, replacing the previous run's report). Schema (times in milliseconds, each
/// a single run named with its clock; shapes are (C, H, W); multiplications follow <see cref="Cost.ConvCost"/>):
/// <code>
/// {
///   "pipeline": "edges", "input_channels": 3, "output_channels": 8,
///   "backend": "cpu", "jobs": 1, "interrupted": false,
///   "modes": [ { "mode": "standard", "exact": true, "blocks": [ "block0 composed ..." ] } ],
///   "notes": [ "folder/readme.txt: not an image" ],          // listing notes
///   "images": [ {
///       "image": "in/a.png",            // as shown on the console
///       "output_name": "a.png",         // base of its output file names
///       "status": "computed",           // computed | kept | failed
///       "width": 16, "height": 12,      // 0 when not decoded
///       "max_abs_difference": 0.0012,   // |standard - separable|, null unless both modes ran
///       "files_written": 2, "files_kept": 0,
///       "error": null,                  // the one-line failure when status is failed
///       "modes": [ { "mode": "standard", "milliseconds": 1.9, "clock": "wall", "multiplications": 27648,
///                    "layers": [ { "name": "...", "kind": "standard", "kernel": 3, "stride": 1, "multiplier": 1,
///                                  "input_shape": [3, 12, 16], "output_shape": [8, 12, 16],
///                                  "milliseconds": 1.9, "clock": "wall", "multiplications": 27648 } ] } ]
///   } ],
///   "failures": [ "in/bad.png: not an image ..." ],           // inputs missing or failed, in order
///   "totals": { "images": 2, "computed": 1, "kept": 0, "failed": 1, "files_written": 2, "files_kept": 0,
///               "max_abs_difference": 0.0012,
///               "modes": [ { "mode": "standard", "milliseconds": 1.9, "multiplications": 27648 } ] }
/// }
/// </code>
/// Images appear in input order whatever <c>--jobs</c> is; mode, kind and status names are lower case.
/// </summary>
internal static class RunReport
{
    /// <summary>The report's file name inside the output folder.</summary>
    public const string FileName = "report.json";

    /// <summary>Writes the report of a run to <c>folder/report.json</c>.</summary>
    public static void Write(string folder, Pipeline pipeline, IReadOnlyList<ResolvedPipeline> chains, string backend, int jobs,
        bool interrupted, IReadOnlyList<string> notes, IReadOnlyList<ImageOutcome> images, IReadOnlyList<string> failures)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("pipeline", pipeline.Name);
            w.WriteNumber("input_channels", pipeline.InputChannels);
            w.WriteNumber("output_channels", pipeline.OutputChannels);
            w.WriteString("backend", backend);
            w.WriteNumber("jobs", jobs);
            w.WriteBoolean("interrupted", interrupted);
            w.WriteStartArray("modes");
            foreach (var chain in chains)
            {
                w.WriteStartObject();
                w.WriteString("mode", RunOptions.ModeName(chain.Mode));
                w.WriteBoolean("exact", chain.IsExact);
                WriteStrings(w, "blocks", chain.Blocks.Select(b => $"{b.Block.Name} {b.Note}"));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteStrings(w, "notes", notes);
            w.WriteStartArray("images");
            foreach (var image in images) WriteImage(w, image);
            w.WriteEndArray();
            WriteStrings(w, "failures", failures);
            WriteTotals(w, chains, images, failures.Count);
            w.WriteEndObject();
        }
        AtomicFile.Write(Path.Combine(folder, FileName), buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static void WriteImage(Utf8JsonWriter w, ImageOutcome image)
    {
        w.WriteStartObject();
        w.WriteString("image", image.Image.Shown);
        w.WriteString("output_name", image.Image.OutputName);
        w.WriteString("status", image.Status.ToString().ToLowerInvariant());
        w.WriteNumber("width", image.Width);
        w.WriteNumber("height", image.Height);
        if (image.MaxDifference is float difference) w.WriteNumber("max_abs_difference", difference);
        else w.WriteNull("max_abs_difference");
        w.WriteNumber("files_written", image.Written);
        w.WriteNumber("files_kept", image.Kept);
        if (image.Failure is string failure) w.WriteString("error", failure);
        else w.WriteNull("error");
        w.WriteStartArray("modes");
        foreach (var mode in image.Modes)
        {
            w.WriteStartObject();
            w.WriteString("mode", RunOptions.ModeName(mode.Mode));
            w.WriteNumber("milliseconds", mode.Milliseconds);
            w.WriteString("clock", mode.Clock);
            w.WriteNumber("multiplications", mode.Multiplications);
            w.WriteStartArray("layers");
            foreach (var layer in mode.Layers)
            {
                w.WriteStartObject();
                w.WriteString("name", layer.Name);
                w.WriteString("kind", layer.Kind.ToString().ToLowerInvariant());
                w.WriteNumber("kernel", layer.Kernel);
                w.WriteNumber("stride", layer.Stride);
                w.WriteNumber("multiplier", layer.Multiplier);
                WriteInts(w, "input_shape", layer.InputShape);
                WriteInts(w, "output_shape", layer.OutputShape);
                w.WriteNumber("milliseconds", layer.Milliseconds);
                w.WriteString("clock", layer.Clock);
                w.WriteNumber("multiplications", layer.Multiplications);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteTotals(Utf8JsonWriter w, IReadOnlyList<ResolvedPipeline> chains, IReadOnlyList<ImageOutcome> images, int failures)
    {
        var computed = images.Where(i => i.Status == ImageStatus.Computed).ToArray();
        w.WriteStartObject("totals");
        // Failures include inputs that were never listed as images (missing files), so images = listed + unlisted failures.
        int unlisted = failures - images.Count(i => i.Status == ImageStatus.Failed);
        w.WriteNumber("images", images.Count + unlisted);
        w.WriteNumber("computed", computed.Length);
        w.WriteNumber("kept", images.Count(i => i.Status == ImageStatus.Kept));
        w.WriteNumber("failed", failures);
        w.WriteNumber("files_written", images.Sum(i => i.Written));
        w.WriteNumber("files_kept", images.Sum(i => i.Kept));
        var differences = computed.Where(i => i.MaxDifference.HasValue).Select(i => i.MaxDifference!.Value).ToArray();
        if (differences.Length > 0) w.WriteNumber("max_abs_difference", differences.Max());
        else w.WriteNull("max_abs_difference");
        w.WriteStartArray("modes");
        foreach (var chain in chains)
        {
            var runs = computed.SelectMany(i => i.Modes).Where(m => m.Mode == chain.Mode).ToArray();
            w.WriteStartObject();
            w.WriteString("mode", RunOptions.ModeName(chain.Mode));
            w.WriteNumber("milliseconds", runs.Sum(m => m.Milliseconds));
            w.WriteNumber("multiplications", runs.Sum(m => m.Multiplications));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static void WriteInts(Utf8JsonWriter w, string name, int[] values)
    {
        w.WriteStartArray(name);
        foreach (int value in values) w.WriteNumberValue(value);
        w.WriteEndArray();
    }
}
