#version 430
// Standard K×K convolution M → N over a zero-bordered pack4 input (pad.comp). Mirror:
// ReferenceBackend with groups = 1. Each invocation computes PIX_X pixels of one row × SLICE_BLOCK
// output slices; per input slice and tap it loads PIX_X input vec4s and SLICE_BLOCK mat4s and does
// PIX_X·SLICE_BLOCK mat4 × vec4 products.
//
//   out[n][oy][ox] = act( bias[n] + Σ_m Σ_ky Σ_kx W[n][m][ky][kx] · padded[m][oy·STRIDE + ky][ox·STRIDE + kx] )
//
// Defines: K, STRIDE, PAD_W, PAD_H, IN_SLICES, OUT_W, OUT_H, OUT_SLICES, PIX_X, SLICE_BLOCK,
// LOCAL_X, LOCAL_Y, HAS_BIAS, ACTIVATION.
#include "common.glsl"

layout(local_size_x = LOCAL_X, local_size_y = LOCAL_Y, local_size_z = 1) in;

layout(std430, binding = 0) readonly restrict buffer Source { vec4 src[]; };
layout(std430, binding = 1) writeonly restrict buffer Destination { vec4 dst[]; };
// [OUT_SLICES rounded up to SLICE_BLOCK][IN_SLICES][K][K][4 columns]: column i of the mat4 for
// (output slice t, input slice s, tap) holds W[4t + 0..3][4s + i][ky][kx]. Slices past the end are zero.
layout(std430, binding = 2) readonly restrict buffer Weights { vec4 weights[]; };
#if HAS_BIAS
layout(std430, binding = 3) readonly restrict buffer Bias { vec4 bias[]; };
#endif

const int PAD_PLANE = PAD_W * PAD_H;

void main()
{
    int ox0 = int(gl_GlobalInvocationID.x) * PIX_X;
    int oy = int(gl_GlobalInvocationID.y);
    int slice0 = int(gl_GlobalInvocationID.z) * SLICE_BLOCK;
    if (ox0 >= OUT_W || oy >= OUT_H || slice0 >= OUT_SLICES) return;

    vec4 sum[SLICE_BLOCK][PIX_X];
    for (int j = 0; j < SLICE_BLOCK; j++)
    {
#if HAS_BIAS
        vec4 start = bias[slice0 + j];
#else
        vec4 start = vec4(0.0);
#endif
        for (int t = 0; t < PIX_X; t++) sum[j][t] = start;
    }

    for (int s = 0; s < IN_SLICES; s++)
    {
        for (int ky = 0; ky < K; ky++)
        {
            int row = s * PAD_PLANE + (oy * STRIDE + ky) * PAD_W + ox0 * STRIDE;
            for (int kx = 0; kx < K; kx++)
            {
                vec4 v[PIX_X];
                for (int t = 0; t < PIX_X; t++) v[t] = src[row + t * STRIDE + kx];
                for (int j = 0; j < SLICE_BLOCK; j++)
                {
                    int w = ((((slice0 + j) * IN_SLICES + s) * K + ky) * K + kx) * 4;
                    mat4 m = mat4(weights[w], weights[w + 1], weights[w + 2], weights[w + 3]);
                    for (int t = 0; t < PIX_X; t++) sum[j][t] += m * v[t];
                }
            }
        }
    }

    for (int j = 0; j < SLICE_BLOCK; j++)
    {
        int slice = slice0 + j;
        if (slice >= OUT_SLICES) break;
        for (int t = 0; t < PIX_X; t++)
        {
            int ox = ox0 + t;
            if (ox < OUT_W) dst[(slice * OUT_H + oy) * OUT_W + ox] = activate(sum[j][t]);
        }
    }
}
