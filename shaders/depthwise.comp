#version 430
// Depthwise K×K convolution with multiplier MULTIPLIER over a zero-bordered pack4 input (pad.comp).
// Mirror: ReferenceBackend with groups = M. Each invocation computes a PIX_X × PIX_Y tile of one
// output slice (4 channels): every input row of the tile's window is loaded once, and every weight
// load serves PIX_X outputs.
//
//   out[o][oy][ox] = act( bias[o] + Σ_ky Σ_kx W[o][ky][kx] · padded[o / MULTIPLIER][oy·STRIDE + ky][ox·STRIDE + kx] )
//
// Defines: K, STRIDE, PAD_W, PAD_H (padded input plane), OUT_W, OUT_H, OUT_SLICES, IN_CHANNELS,
// MULTIPLIER, PIX_X, PIX_Y, LOCAL_X, LOCAL_Y, HAS_BIAS, ACTIVATION.
#include "common.glsl"

layout(local_size_x = LOCAL_X, local_size_y = LOCAL_Y, local_size_z = 1) in;

layout(std430, binding = 0) readonly restrict buffer Source { vec4 src[]; };
layout(std430, binding = 1) writeonly restrict buffer Destination { vec4 dst[]; };
// [OUT_SLICES][K][K]: the 4 channels of a slice side by side, one vec4 per tap.
layout(std430, binding = 2) readonly restrict buffer Weights { vec4 weights[]; };
#if HAS_BIAS
layout(std430, binding = 3) readonly restrict buffer Bias { vec4 bias[]; };
#endif

const int PAD_PLANE = PAD_W * PAD_H;

void main()
{
    int ox0 = int(gl_GlobalInvocationID.x) * PIX_X;
    int oy0 = int(gl_GlobalInvocationID.y) * PIX_Y;
    int slice = int(gl_GlobalInvocationID.z);
    if (ox0 >= OUT_W || oy0 >= OUT_H || slice >= OUT_SLICES) return;

#if MULTIPLIER == 1
    // Output slice s reads input slice s: one vec4 load per tap.
    int plane = slice * PAD_PLANE;
    #define LOAD(offset) src[plane + (offset)]
#else
    // Output channel o = 4·slice + j reads input channel o / MULTIPLIER, which may sit in another
    // slice and component. Channels past the last real one have zero weights; they are clamped
    // only so that the read stays inside the buffer.
    ivec4 channel = min((4 * slice + ivec4(0, 1, 2, 3)) / MULTIPLIER, IN_CHANNELS - 1);
    ivec4 plane = (channel >> 2) * PAD_PLANE;
    ivec4 lane = channel & 3;
    #define LOAD(offset) vec4(src[plane.x + (offset)][lane.x], src[plane.y + (offset)][lane.y], \
                              src[plane.z + (offset)][lane.z], src[plane.w + (offset)][lane.w])
#endif

#if HAS_BIAS
    vec4 start = bias[slice];
#else
    vec4 start = vec4(0.0);
#endif
    vec4 sum[PIX_Y][PIX_X];
    for (int py = 0; py < PIX_Y; py++)
        for (int px = 0; px < PIX_X; px++)
            sum[py][px] = start;

    // The tile reads (PIX_Y − 1)·STRIDE + K input rows of (PIX_X − 1)·STRIDE + K pixels. Each row is
    // loaded once into registers and fed to every output row whose window contains it: input row r is
    // tap ky = r − py·STRIDE of output row py.
    const int ROWS = (PIX_Y - 1) * STRIDE + K;
    const int ROW_W = (PIX_X - 1) * STRIDE + K;
    int weightBase = slice * K * K;
    for (int r = 0; r < ROWS; r++)
    {
        vec4 row[ROW_W];
        int rowStart = (oy0 * STRIDE + r) * PAD_W + ox0 * STRIDE;
        for (int i = 0; i < ROW_W; i++) row[i] = LOAD(rowStart + i);
        for (int py = 0; py < PIX_Y; py++)
        {
            int ky = r - py * STRIDE;
            if (ky < 0 || ky >= K) continue;
            for (int kx = 0; kx < K; kx++)
            {
                vec4 w = weights[weightBase + ky * K + kx];
                for (int px = 0; px < PIX_X; px++)
                    sum[py][px] += w * row[px * STRIDE + kx];
            }
        }
    }

    for (int py = 0; py < PIX_Y; py++)
    {
        int oy = oy0 + py;
        if (oy >= OUT_H) break;
        for (int px = 0; px < PIX_X; px++)
        {
            int ox = ox0 + px;
            if (ox < OUT_W) dst[(slice * OUT_H + oy) * OUT_W + ox] = activate(sum[py][px]);
        }
    }
}
