#version 430 core
// Each channel's value range, the GPU mirror of ChannelRange.Measure and ChannelRange.Merge:
// min and max over the finite values only, has_negative over every value below zero (−∞ too),
// has_finite whether any value was finite. A range is stored as vec4(min, max, has_negative, has_finite).
//
// u_pass = 0: invocation i of workgroup (chunk, slice) folds ITERATIONS pixels of one pack4 slice (the
//   four channels at once, as vec4 lanes) into its own partial: partials[((slice · u_chunks + chunk) ·
//   LOCAL + i) · 4 + 0..3] = (min, max, has_negative, has_finite) per lane. No shared memory, no barrier.
// u_pass = 1: workgroup c merges channel c's u_chunks · LOCAL partials into ranges[c].
// u_pass = 2: one workgroup merges ranges[0 .. channels) into ranges[channels] (global normalisation).
// Why this shape: llvmpipe runs a workgroup with barriers as coroutines, which made a shared-memory
// reduction in the big first pass cost about as much as reading the map; many barrier-free workgroups
// keep every core (and every GPU SM) busy, and the merges touch little data.
#include "display/colormaps.glsl"

#define LOCAL 64
#define ITERATIONS 64
layout(local_size_x = LOCAL) in;

layout(std430, binding = 0) readonly buffer Map { vec4 map_data[]; };
layout(std430, binding = 1) buffer Ranges { vec4 ranges[]; };
layout(std430, binding = 2) buffer Partials { vec4 partials[]; };

uniform ivec2 u_map_size;   // width, height
uniform int u_channels;
uniform int u_chunks;       // chunks per slice: ceil(W · H / (LOCAL · ITERATIONS))
uniform int u_pass;

shared vec4 s_range[LOCAL];

const float POS_INF = uintBitsToFloat(0x7f800000u);
const float NEG_INF = uintBitsToFloat(0xff800000u);
const vec4 EMPTY = vec4(POS_INF, NEG_INF, 0.0, 0.0);   // ChannelRange.Empty

// ChannelRange.Merge: min of mins, max of maxes, or of the flags.
vec4 merge(vec4 a, vec4 b) { return vec4(min(a.x, b.x), max(a.y, b.y), max(a.z, b.z), max(a.w, b.w)); }

// Tree reduction of s_range: after each step the first `stride` entries hold the merges.
vec4 reduce_shared(uint lid, vec4 mine)
{
    s_range[lid] = mine;
    barrier();
    for (uint stride = LOCAL / 2; stride > 0; stride >>= 1)
    {
        if (lid < stride) s_range[lid] = merge(s_range[lid], s_range[lid + stride]);
        barrier();
    }
    return s_range[0];
}

void main()
{
    uint lid = gl_LocalInvocationID.x;
    if (u_pass == 0)
    {
        int pixels = u_map_size.x * u_map_size.y;
        int slice = int(gl_WorkGroupID.y), chunk = int(gl_WorkGroupID.x);
        vec4 lo = vec4(POS_INF), hi = vec4(NEG_INF), negative = vec4(0.0), finite = vec4(0.0);
        // Neighbouring invocations read neighbouring pixels on each step (coalesced on GPUs).
        int start = chunk * LOCAL * ITERATIONS + int(lid);
        for (int i = 0; i < ITERATIONS; i++)
        {
            int p = start + i * LOCAL;
            if (p >= pixels) break;
            vec4 v = map_data[slice * pixels + p];
            bvec4 is_finite = notEqual(floatBitsToUint(v) & uvec4(0x7f800000u), uvec4(0x7f800000u));
            negative = max(negative, vec4(lessThan(v, vec4(0.0))));
            finite = max(finite, vec4(is_finite));
            lo = min(lo, mix(vec4(POS_INF), v, is_finite));
            hi = max(hi, mix(vec4(NEG_INF), v, is_finite));
        }
        int at = ((slice * u_chunks + chunk) * LOCAL + int(lid)) * 4;
        partials[at] = lo;
        partials[at + 1] = hi;
        partials[at + 2] = negative;
        partials[at + 3] = finite;
    }
    else if (u_pass == 1)
    {
        int c = int(gl_WorkGroupID.x), slice = c >> 2, lane = c & 3;
        int count = u_chunks * LOCAL, first = slice * count;
        vec4 acc = EMPTY;
        for (int i = int(lid); i < count; i += LOCAL)
        {
            int at = (first + i) * 4;
            acc = merge(acc, vec4(partials[at][lane], partials[at + 1][lane], partials[at + 2][lane], partials[at + 3][lane]));
        }
        vec4 range = reduce_shared(lid, acc);
        if (lid == 0) ranges[c] = range;
    }
    else
    {
        vec4 acc = EMPTY;
        for (int c = int(lid); c < u_channels; c += LOCAL) acc = merge(acc, ranges[c]);
        vec4 range = reduce_shared(lid, acc);
        if (lid == 0) ranges[u_channels] = range;
    }
}
