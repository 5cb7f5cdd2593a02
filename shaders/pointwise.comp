#version 430
// Pointwise (1×1) convolution: a matrix product per pixel. Mirror: ReferenceBackend with K = 1.
// Each invocation computes PIX consecutive output pixels × SLICE_BLOCK output slices; one mat4 of
// weights maps an input slice (4 channels) to an output slice, so the inner step is PIX·SLICE_BLOCK
// mat4 × vec4 products over PIX + 4·SLICE_BLOCK loads.
//
//   out[n][oy][ox] = act( bias[n] + Σ_m P[n][m] · in[m][oy·STRIDE][ox·STRIDE] )
//
// Defines: IN_W, IN_H, IN_SLICES, OUT_W, OUT_H, OUT_SLICES, STRIDE, PIX, SLICE_BLOCK, LOCAL_X,
// HAS_BIAS, ACTIVATION.
#include "common.glsl"

layout(local_size_x = LOCAL_X, local_size_y = 1, local_size_z = 1) in;

layout(std430, binding = 0) readonly restrict buffer Source { vec4 src[]; };
layout(std430, binding = 1) writeonly restrict buffer Destination { vec4 dst[]; };
// [OUT_SLICES rounded up to SLICE_BLOCK][IN_SLICES][4 columns]: column i of the mat4 for
// (output slice t, input slice s) holds P[4t + 0..3][4s + i]. Slices past the end are zero.
layout(std430, binding = 2) readonly restrict buffer Weights { vec4 weights[]; };
#if HAS_BIAS
layout(std430, binding = 3) readonly restrict buffer Bias { vec4 bias[]; };
#endif

const int OUT_PIXELS = OUT_W * OUT_H;
const int IN_PLANE = IN_W * IN_H;

void main()
{
    int p0 = int(gl_GlobalInvocationID.x) * PIX;
    int slice0 = int(gl_GlobalInvocationID.y) * SLICE_BLOCK;
    if (p0 >= OUT_PIXELS || slice0 >= OUT_SLICES) return;

    // Input offset of each output pixel; pixels past the end repeat the last one and are not written.
    int source[PIX];
    for (int t = 0; t < PIX; t++)
    {
        int p = min(p0 + t, OUT_PIXELS - 1);
        int oy = p / OUT_W;
        int ox = p - oy * OUT_W;
        source[t] = oy * STRIDE * IN_W + ox * STRIDE;
    }

    vec4 sum[SLICE_BLOCK][PIX];
    for (int j = 0; j < SLICE_BLOCK; j++)
    {
#if HAS_BIAS
        vec4 start = bias[slice0 + j];
#else
        vec4 start = vec4(0.0);
#endif
        for (int t = 0; t < PIX; t++) sum[j][t] = start;
    }

    for (int s = 0; s < IN_SLICES; s++)
    {
        vec4 v[PIX];
        for (int t = 0; t < PIX; t++) v[t] = src[s * IN_PLANE + source[t]];
        for (int j = 0; j < SLICE_BLOCK; j++)
        {
            int w = ((slice0 + j) * IN_SLICES + s) * 4;
            mat4 m = mat4(weights[w], weights[w + 1], weights[w + 2], weights[w + 3]);
            for (int t = 0; t < PIX; t++) sum[j][t] += m * v[t];
        }
    }

    for (int j = 0; j < SLICE_BLOCK; j++)
    {
        int slice = slice0 + j;
        if (slice >= OUT_SLICES) break;
        for (int t = 0; t < PIX; t++)
            if (p0 + t < OUT_PIXELS) dst[slice * OUT_PIXELS + p0 + t] = activate(sum[j][t]);
    }
}
