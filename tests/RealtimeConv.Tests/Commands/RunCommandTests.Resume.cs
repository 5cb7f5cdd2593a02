using RealtimeConv.IO;
using RealtimeConv.Pipelines;
using RealtimeConv.Tests.Imaging;

namespace RealtimeConv.Tests.Commands;

/// <summary>`--resume`: keeps outputs that read back whole and redoes images with a cut or missing one.</summary>
public sealed partial class RunCommandTests
{
    [Fact]
    public void ResumeRecomputesAnImageWhoseOutputIsCutWhileTheDefaultKeepsIt()
    {
        using var temp = new TempFolder();
        string a = Png(temp, "in/a.png", 8, 6, 3);
        Png(temp, "in/b.png", 7, 5, 3, seed: 3);
        string output = temp.File("out");
        string[] args = ["run", temp.File("in"), "--out", output, "--backend", "cpu-ref", "--mode", "standard", "--save", "grid,npy"];
        Assert.Equal(0, Invoke(args).Exit);
        string npy = Path.Combine(output, "a.png.standard.npy");
        byte[] whole = File.ReadAllBytes(npy);
        File.WriteAllBytes(npy, whole[..(whole.Length / 2)]);

        var plain = Invoke(args);
        Assert.Contains("0 computed, 2 kept", plain.Out);
        Assert.Equal(whole.Length / 2, new FileInfo(npy).Length);

        var resumed = Invoke([.. args, "--resume"]);
        Assert.Equal(0, resumed.Exit);
        Assert.Contains("1 computed, 1 kept, 0 failed; 1 file(s) written, 3 kept", resumed.Out);
        Assert.Equal(ReferenceOutput(a, ConvMode.Standard).ToPlanar(), NpyFile.Read(npy).Data);

        AssertRefused(Invoke([.. args, "--resume", "--overwrite"]), "--resume keeps complete outputs and --overwrite replaces them");
    }
}
