#version 430 core
// Each channel's value range, the GPU mirror of ChannelRange.Measure and ChannelRange.Merge:
// min and max over the finite values only, has_negative over every value below zero (−∞ too),
// has_finite whether any value was finite. A range is stored as vec4(min, max, has_negative, has_finite).
//
// u_pass = 0: workgroup (chunk, slice) reduces CHUNK = LOCAL · ITERATIONS pixels of one pack4 slice,
//   the four channels at once as vec4s, into partials[(slice · u_chunks + chunk) · 4 + 0..3]
//   = (min, max, has_negative, has_finite) per lane.
// u_pass = 1: one workgroup; invocation c merges channel c's partials over the chunks into ranges[c],
//   and the workgroup merges all channels into ranges[u_channels] (global normalisation).
// Two passes instead of one workgroup per channel: many workgroups keep every core busy (llvmpipe
// ran the one-per-channel version ~30× slower on 12 channels of 512²).
#include "display/colormaps.glsl"

#define LOCAL 256
#define ITERATIONS 16
layout(local_size_x = LOCAL) in;

layout(std430, binding = 0) readonly buffer Map { vec4 map_data[]; };
layout(std430, binding = 1) buffer Ranges { vec4 ranges[]; };
layout(std430, binding = 2) buffer Partials { vec4 partials[]; };

uniform ivec2 u_map_size;   // width, height
uniform int u_channels;
uniform int u_chunks;       // chunks per slice: ceil(W · H / (LOCAL · ITERATIONS))
uniform int u_pass;

shared vec4 s_lo[LOCAL], s_hi[LOCAL], s_negative[LOCAL], s_finite[LOCAL];

const float POS_INF = uintBitsToFloat(0x7f800000u);
const float NEG_INF = uintBitsToFloat(0xff800000u);

// ChannelRange.Merge: min of mins, max of maxes, or of the flags.
vec4 merge(vec4 a, vec4 b) { return vec4(min(a.x, b.x), max(a.y, b.y), max(a.z, b.z), max(a.w, b.w)); }

// Tree reduction of the shared lanes: after each step the first `stride` entries hold the merges.
void reduce_shared(uint lid)
{
    barrier();
    for (uint stride = LOCAL / 2; stride > 0; stride >>= 1)
    {
        if (lid < stride)
        {
            s_lo[lid] = min(s_lo[lid], s_lo[lid + stride]);
            s_hi[lid] = max(s_hi[lid], s_hi[lid + stride]);
            s_negative[lid] = max(s_negative[lid], s_negative[lid + stride]);
            s_finite[lid] = max(s_finite[lid], s_finite[lid + stride]);
        }
        barrier();
    }
}

void main()
{
    uint lid = gl_LocalInvocationID.x;
    if (u_pass == 0)
    {
        int pixels = u_map_size.x * u_map_size.y;
        int slice = int(gl_WorkGroupID.y), chunk = int(gl_WorkGroupID.x);
        vec4 lo = vec4(POS_INF), hi = vec4(NEG_INF), negative = vec4(0.0), finite = vec4(0.0);
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
        s_lo[lid] = lo; s_hi[lid] = hi; s_negative[lid] = negative; s_finite[lid] = finite;
        reduce_shared(lid);
        if (lid == 0)
        {
            int at = (slice * u_chunks + chunk) * 4;
            partials[at] = s_lo[0];
            partials[at + 1] = s_hi[0];
            partials[at + 2] = s_negative[0];
            partials[at + 3] = s_finite[0];
        }
    }
    else
    {
        vec4 all = vec4(POS_INF, NEG_INF, 0.0, 0.0);
        for (int c = int(lid); c < u_channels; c += LOCAL)
        {
            int slice = c >> 2, lane = c & 3;
            vec4 acc = vec4(POS_INF, NEG_INF, 0.0, 0.0);
            for (int chunk = 0; chunk < u_chunks; chunk++)
            {
                int at = (slice * u_chunks + chunk) * 4;
                acc = merge(acc, vec4(partials[at][lane], partials[at + 1][lane], partials[at + 2][lane], partials[at + 3][lane]));
            }
            ranges[c] = acc;
            all = merge(all, acc);
        }
        // The global merge reuses the shared lanes: x = min, y = max, z = negative, w = finite.
        s_lo[lid] = vec4(all.x); s_hi[lid] = vec4(all.y); s_negative[lid] = vec4(all.z); s_finite[lid] = vec4(all.w);
        reduce_shared(lid);
        if (lid == 0) ranges[u_channels] = vec4(s_lo[0].x, s_hi[0].x, s_negative[0].x, s_finite[0].x);
    }
}
