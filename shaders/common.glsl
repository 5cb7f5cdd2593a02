// Shared by every pass. Included by the loader (RealtimeConv.Gpu/Shaders/ShaderSourceLoader.cs),
// which also puts the pass's #defines above this file.
//
// The GPU layout contract (the GPU half of FeatureMap's): a map of C channels, H rows and W columns
// is a buffer of vec4, [SLICES][H][W] with SLICES = ceil(C / 4); channel c of pixel (y, x) is
// component c % 4 of element (c / 4) * H * W + y * W + x. Channels past C are zero, and every pass
// keeps them zero: their weights and bias are zero, and each activation maps 0 to 0.

// ACTIVATION: 0 none, 1 relu, 2 relu6 (the order of RealtimeConv.Layers.Activation).
vec4 activate(vec4 v)
{
#if ACTIVATION == 1
    return max(v, vec4(0.0));
#elif ACTIVATION == 2
    return clamp(v, vec4(0.0), vec4(6.0));
#else
    return v;
#endif
}
