using Silk.NET.OpenGL;

namespace RealtimeConv.Viewer.Display;

/// <summary>
/// Reads a linked program's active uniforms once, so draws look locations up in a dictionary instead of
/// asking the driver every frame.
/// </summary>
internal static class UniformTable
{
    /// <summary>Name → location of every active uniform of <paramref name="program"/>.</summary>
    public static Dictionary<string, int> Read(GL gl, uint program)
    {
        gl.GetProgram(program, ProgramPropertyARB.ActiveUniforms, out int count);
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        for (uint i = 0; i < count; i++)
        {
            string name = gl.GetActiveUniform(program, i, out _, out _);
            int location = gl.GetUniformLocation(program, name);
            if (location >= 0) table[name] = location;
        }
        return table;
    }
}
