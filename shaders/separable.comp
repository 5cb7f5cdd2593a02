#version 430
// A depthwise K×K layer (multiplier MULTIPLIER) and the 1×1 pointwise layer after it, fused: the
// intermediate map never goes to memory. Over a zero-bordered pack4 input (pad.comp). Mirror:
// ReferenceBackend running the two layers one after the other.
//
//   mid[c][y][x] = act_dw( bd[c] + Σ_ky Σ_kx D[c][ky][kx] · padded[c / MULTIPLIER][y·STRIDE + ky][x·STRIDE + kx] )
//   out[n][y][x] = act_pw( bp[n] + Σ_c P[n][c] · mid[c][y][x] )
//
// Each invocation computes a PIX_X × PIX_Y tile of output pixels for ALL output slices (the pass is
// for thin layers, ≤ 32 channels: at most 8 slices of accumulators). It walks the intermediate one
// slice at a time: the depthwise tile of slice s (PIX_X·PIX_Y vec4, each input row loaded once, as in
// depthwise.comp) is folded into every output slice at once with the mat4 block P[t][s], then dropped.
// So registers hold OUT_SLICES·PIX_X·PIX_Y accumulators plus one depthwise tile, and every mat4 load
// serves the whole tile. Recomputing nothing: each intermediate value is made once, used once.
//
// Defines: K, STRIDE, PAD_W, PAD_H, OUT_W, OUT_H, IN_CHANNELS, MULTIPLIER, MID_SLICES, OUT_SLICES,
// PIX_X, PIX_Y, LOCAL_X, LOCAL_Y, DW_BIAS, DW_ACTIVATION, HAS_BIAS, ACTIVATION (the pointwise one).
#include "common.glsl"

layout(local_size_x = LOCAL_X, local_size_y = LOCAL_Y, local_size_z = 1) in;

layout(std430, binding = 0) readonly restrict buffer Source { vec4 src[]; };
layout(std430, binding = 1) writeonly restrict buffer Destination { vec4 dst[]; };
// [MID_SLICES][K][K]: the depthwise weights of the 4 channels of a slice side by side, one vec4 per tap.
layout(std430, binding = 2) readonly restrict buffer DepthwiseWeights { vec4 dw[]; };
#if DW_BIAS
layout(std430, binding = 3) readonly restrict buffer DepthwiseBias { vec4 dwBias[]; };
#endif
// [OUT_SLICES][MID_SLICES][4 columns]: column i of the mat4 for (output slice t, intermediate slice s)
// holds P[4t + 0..3][4s + i] (pointwise.comp's layout).
layout(std430, binding = 4) readonly restrict buffer PointwiseWeights { vec4 pw[]; };
#if HAS_BIAS
layout(std430, binding = 5) readonly restrict buffer PointwiseBias { vec4 pwBias[]; };
#endif

const int PAD_PLANE = PAD_W * PAD_H;
const int OUT_PLANE = OUT_W * OUT_H;

// DW_ACTIVATION: the depthwise layer's activation, numbered like ACTIVATION.
vec4 activateMid(vec4 v)
{
#if DW_ACTIVATION == 1
    return max(v, vec4(0.0));
#elif DW_ACTIVATION == 2
    return clamp(v, vec4(0.0), vec4(6.0));
#else
    return v;
#endif
}

void main()
{
    int ox0 = int(gl_GlobalInvocationID.x) * PIX_X;
    int oy0 = int(gl_GlobalInvocationID.y) * PIX_Y;
    if (ox0 >= OUT_W || oy0 >= OUT_H) return;

    vec4 acc[OUT_SLICES][PIX_Y][PIX_X];
    for (int t = 0; t < OUT_SLICES; t++)
    {
#if HAS_BIAS
        vec4 start = pwBias[t];
#else
        vec4 start = vec4(0.0);
#endif
        for (int py = 0; py < PIX_Y; py++)
            for (int px = 0; px < PIX_X; px++)
                acc[t][py][px] = start;
    }

    const int ROWS = (PIX_Y - 1) * STRIDE + K;
    const int ROW_W = (PIX_X - 1) * STRIDE + K;
    for (int s = 0; s < MID_SLICES; s++)
    {
#if MULTIPLIER == 1
        int plane = s * PAD_PLANE;
        #define LOAD(offset) src[plane + (offset)]
#else
        // Intermediate channel c = 4·s + j reads input channel c / MULTIPLIER (see depthwise.comp);
        // channels past the last real one have zero weights and are clamped only to stay in bounds.
        ivec4 channel = min((4 * s + ivec4(0, 1, 2, 3)) / MULTIPLIER, IN_CHANNELS - 1);
        ivec4 plane = (channel >> 2) * PAD_PLANE;
        ivec4 lane = channel & 3;
        #define LOAD(offset) vec4(src[plane.x + (offset)][lane.x], src[plane.y + (offset)][lane.y], \
                                  src[plane.z + (offset)][lane.z], src[plane.w + (offset)][lane.w])
#endif

        // The depthwise tile of slice s: input row r is tap ky = r − py·STRIDE of output row py.
#if DW_BIAS
        vec4 dwStart = dwBias[s];
#else
        vec4 dwStart = vec4(0.0);
#endif
        vec4 mid[PIX_Y][PIX_X];
        for (int py = 0; py < PIX_Y; py++)
            for (int px = 0; px < PIX_X; px++)
                mid[py][px] = dwStart;
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
                    vec4 w = dw[(s * K + ky) * K + kx];
                    for (int px = 0; px < PIX_X; px++)
                        mid[py][px] += w * row[px * STRIDE + kx];
                }
            }
        }
#undef LOAD
        for (int py = 0; py < PIX_Y; py++)
            for (int px = 0; px < PIX_X; px++)
                mid[py][px] = activateMid(mid[py][px]);

        // Fold slice s into every output slice: acc[t] += P[t][s] · mid.
        for (int t = 0; t < OUT_SLICES; t++)
        {
            int w = (t * MID_SLICES + s) * 4;
            mat4 m = mat4(pw[w], pw[w + 1], pw[w + 2], pw[w + 3]);
            for (int py = 0; py < PIX_Y; py++)
                for (int px = 0; px < PIX_X; px++)
                    acc[t][py][px] += m * mid[py][px];
        }
    }

    for (int py = 0; py < PIX_Y; py++)
    {
        int oy = oy0 + py;
        if (oy >= OUT_H) break;
        for (int px = 0; px < PIX_X; px++)
        {
            int ox = ox0 + px;
            if (ox >= OUT_W) break;
            for (int t = 0; t < OUT_SLICES; t++)
                dst[t * OUT_PLANE + oy * OUT_W + ox] = activate(acc[t][py][px]);
        }
    }
}
