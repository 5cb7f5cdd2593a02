using System.Reflection;
using Silk.NET.OpenGL;
using Xunit.Sdk;

[assembly: RealtimeConv.Tests.Gpu.NoGlErrorLeft]

namespace RealtimeConv.Tests.Gpu;

/// <summary>
/// Fails a test of the GPU collection that leaves a GL error flag set on the shared context. GL keeps
/// the flag until someone reads it, so without this check the error surfaces in whichever test asks next
/// and names the wrong culprit (a text test once drew with no framebuffer bound, and an upload test far
/// away saw INVALID_FRAMEBUFFER_OPERATION).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class NoGlErrorLeftAttribute : BeforeAfterTestAttribute
{
    public override void After(MethodInfo methodUnderTest)
    {
        if (GpuFixture.Active is not { } gpu || !InGpuCollection(methodUnderTest.DeclaringType)) return;
        var error = gpu.Gl(() => gpu.Backend.Device.Gl.GetError());
        if (error != GLEnum.NoError)
            throw new XunitException($"{methodUnderTest.DeclaringType!.Name}.{methodUnderTest.Name} left GL error {error} on the shared context");
    }

    private static bool InGpuCollection(Type? type) =>
        type is not null && CustomAttributeData.GetCustomAttributes(type).Any(a => a.AttributeType == typeof(CollectionAttribute)
            && a.ConstructorArguments is [{ Value: string name }] && name == GpuCollection.Name);
}
