using RealtimeConv.Gpu.Context;
using RealtimeConv.Gpu.Shaders;
using Silk.NET.OpenGL;

namespace RealtimeConv.Gpu.Passes;

/// <summary>Runs a compute program over a grid and puts the barrier the next pass needs after it.</summary>
internal static class ComputeDispatch
{
    /// <summary>Groups needed to cover <paramref name="items"/> with groups of <paramref name="size"/>.</summary>
    public static int Groups(int items, int size) => (items + size - 1) / size;

    /// <summary>
    /// Dispatches <paramref name="program"/> with (x, y, z) workgroups, then
    /// <c>glMemoryBarrier(GL_SHADER_STORAGE_BARRIER_BIT)</c> so later passes see its writes.
    /// </summary>
    public static void Run(GpuDevice device, ComputeProgram program, int x, int y, int z, string what)
    {
        var max = device.Info.MaxWorkGroupCount;
        if (x > max.X || y > max.Y || z > max.Z)
            throw new InvalidOperationException($"{what}: {x}×{y}×{z} workgroups exceed the driver's {max.X}×{max.Y}×{max.Z}");
        var gl = device.Gl;
        program.Use();
        gl.DispatchCompute((uint)x, (uint)y, (uint)z);
        gl.MemoryBarrier(MemoryBarrierMask.ShaderStorageBarrierBit);
    }
}
