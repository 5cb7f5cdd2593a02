#version 430
// Copies a pack4 map into a zero-bordered one, so that the K×K passes read their whole window
// without a bounds check per tap (the checks cost more than this copy on llvmpipe and on GPUs).
//
//   padded[s][y][x] = src[s][y − PAD][x − PAD]   where that pixel is inside the source, else 0
//
// The padded plane is PAD_W × PAD_H, which may be larger than W + 2·PAD on the right and bottom:
// the passes compute whole tiles of pixels and their last tile reads past the image.
// Each invocation copies PIX_X pixels of a row: on llvmpipe the cost per invocation, not the copy, dominates.
// Defines: IN_W, IN_H, PAD_W, PAD_H, PAD, SLICES, PIX_X, LOCAL_X, LOCAL_Y.
#include "common.glsl"

layout(local_size_x = LOCAL_X, local_size_y = LOCAL_Y, local_size_z = 1) in;

layout(std430, binding = 0) readonly restrict buffer Source { vec4 src[]; };
layout(std430, binding = 1) writeonly restrict buffer Padded { vec4 dst[]; };

void main()
{
    int x0 = int(gl_GlobalInvocationID.x) * PIX_X;
    int y = int(gl_GlobalInvocationID.y);
    int s = int(gl_GlobalInvocationID.z);
    if (x0 >= PAD_W || y >= PAD_H || s >= SLICES) return;
    int iy = y - PAD;
    bool rowInside = iy >= 0 && iy < IN_H;
    int source = (s * IN_H + iy) * IN_W - PAD;
    int target = (s * PAD_H + y) * PAD_W;
    for (int t = 0; t < PIX_X; t++)
    {
        int x = x0 + t;
        if (x >= PAD_W) break;
        int ix = x - PAD;
        bool inside = rowInside && ix >= 0 && ix < IN_W;
        dst[target + x] = inside ? src[source + x] : vec4(0.0);
    }
}
