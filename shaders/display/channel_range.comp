#version 430 core
// Each channel's value range, the GPU mirror of ChannelRange.Measure and ChannelRange.Merge:
// min and max over the finite values only, has_negative over every value below zero (−∞ too),
// has_finite whether any value was finite. Stored as vec4(min, max, has_negative, has_finite).
//
// u_merge = 0: workgroup c measures channel c (one workgroup per channel, strided over its pixels).
// u_merge = 1: one workgroup merges ranges[0 .. channels) into ranges[channels] (global normalisation).
#include "display/colormaps.glsl"

#define LOCAL 256
layout(local_size_x = LOCAL) in;

layout(std430, binding = 0) readonly buffer Map { vec4 map_data[]; };
layout(std430, binding = 1) buffer Ranges { vec4 ranges[]; };

uniform ivec2 u_map_size;   // width, height
uniform int u_channels;
uniform int u_merge;

shared vec4 partial[LOCAL];

const float POS_INF = uintBitsToFloat(0x7f800000u);
const float NEG_INF = uintBitsToFloat(0xff800000u);

// ChannelRange.Merge: min of mins, max of maxes, or of the flags.
vec4 merge(vec4 a, vec4 b) { return vec4(min(a.x, b.x), max(a.y, b.y), max(a.z, b.z), max(a.w, b.w)); }

void main()
{
    uint lid = gl_LocalInvocationID.x;
    vec4 acc = vec4(POS_INF, NEG_INF, 0.0, 0.0);
    if (u_merge == 0)
    {
        int c = int(gl_WorkGroupID.x);
        int pixels = u_map_size.x * u_map_size.y;
        int base = (c >> 2) * pixels;
        for (int p = int(lid); p < pixels; p += LOCAL)
        {
            float v = map_data[base + p][c & 3];
            if (v < 0.0) acc.z = 1.0;
            if (!is_finite_bits(v)) continue;
            acc = vec4(min(acc.x, v), max(acc.y, v), acc.z, 1.0);
        }
    }
    else
    {
        for (int c = int(lid); c < u_channels; c += LOCAL) acc = merge(acc, ranges[c]);
    }
    partial[lid] = acc;
    barrier();
    // Tree reduction over the workgroup: after each step the first `stride` entries hold the merges.
    for (uint stride = LOCAL / 2; stride > 0; stride >>= 1)
    {
        if (lid < stride) partial[lid] = merge(partial[lid], partial[lid + stride]);
        barrier();
    }
    if (lid == 0) ranges[u_merge == 0 ? int(gl_WorkGroupID.x) : u_channels] = partial[0];
}
