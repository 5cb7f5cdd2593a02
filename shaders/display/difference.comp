#version 430 core
// The D hotkey's difference map and its largest magnitude, over two pack4 maps of one shape
// (layout in common.glsl).
//
// u_reduce = 0: difference = a − b, every vec4 (padding lanes give 0 − 0 = 0).
// u_reduce = 1: max_bits = max over the real channels of |a − b|, the mirror of
//   FeatureMap.MaxAbsDifference. For non-negative floats the IEEE bit patterns order like the values,
//   so the maximum is an atomicMax on the bits; a NaN's magnitude bits (0x7f800001 and up) exceed +∞,
//   so a NaN anywhere makes the result NaN, as MathF.Max does.

#define LOCAL 256
layout(local_size_x = LOCAL) in;

layout(std430, binding = 0) readonly buffer A { vec4 a[]; };
layout(std430, binding = 1) readonly buffer B { vec4 b[]; };
layout(std430, binding = 2) writeonly buffer Difference { vec4 difference[]; };
layout(std430, binding = 3) buffer Result { uint max_bits; };

uniform int u_elements;     // vec4 elements: slices · H · W
uniform int u_pixels;       // H · W
uniform int u_channels;     // real channels
uniform int u_reduce;

shared uint partial[LOCAL];

void main()
{
    // Grid-stride loop: a fixed number of workgroups covers any size within the dispatch limits.
    int stride = int(gl_NumWorkGroups.x) * LOCAL;
    uint best = 0u;
    for (int e = int(gl_GlobalInvocationID.x); e < u_elements; e += stride)
    {
        vec4 d = a[e] - b[e];
        if (u_reduce == 0) { difference[e] = d; continue; }
        int lanes = min(4, u_channels - (e / u_pixels) * 4);
        for (int k = 0; k < lanes; k++) best = max(best, floatBitsToUint(d[k]) & 0x7fffffffu);
    }
    if (u_reduce == 0) return;
    uint lid = gl_LocalInvocationID.x;
    partial[lid] = best;
    barrier();
    for (uint s = LOCAL / 2; s > 0; s >>= 1)
    {
        if (lid < s) partial[lid] = max(partial[lid], partial[lid + s]);
        barrier();
    }
    if (lid == 0) atomicMax(max_bits, partial[0]);
}
