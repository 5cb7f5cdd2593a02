// The colour of one feature-map value, line for line the GLSL mirror of
// RealtimeConv.Visualization.Colormaps and ChannelMapping.Colour (Core/Visualization). Colours are
// [0, 1] components written to an 8-bit target without a transfer function, as the CPU images are.

// Colormap ids, in the order of RealtimeConv.Visualization.ChannelColormap.
#define MAP_AUTO_VIRIDIS 0
#define MAP_AUTO_GRAYSCALE 1
#define MAP_GRAYSCALE 2
#define MAP_VIRIDIS 3
#define MAP_DIVERGING 4

const vec3 NAN_COLOUR = vec3(1.0, 0.0, 1.0);
const vec3 DIVERGING_NEGATIVE = vec3(59.0, 76.0, 192.0) / 255.0;
const vec3 DIVERGING_POSITIVE = vec3(180.0, 4.0, 38.0) / 255.0;

// Viridis (matplotlib, CC0) at t = 0, 1/8, ..., 1, the same nine samples as Colormaps.ViridisSamples.
const vec3 VIRIDIS[9] = vec3[9](
    vec3(0x44, 0x01, 0x54) / 255.0, vec3(0x47, 0x2d, 0x7b) / 255.0, vec3(0x3b, 0x52, 0x8b) / 255.0,
    vec3(0x2c, 0x72, 0x8e) / 255.0, vec3(0x21, 0x91, 0x8c) / 255.0, vec3(0x28, 0xae, 0x80) / 255.0,
    vec3(0x5e, 0xc9, 0x62) / 255.0, vec3(0xad, 0xdc, 0x30) / 255.0, vec3(0xfd, 0xe7, 0x25) / 255.0);

// NaN and ±∞ tested on the bits: compilers may fold isnan()/isinf() away under relaxed float rules.
bool is_nan_bits(float v) { uint u = floatBitsToUint(v); return (u & 0x7f800000u) == 0x7f800000u && (u & 0x007fffffu) != 0u; }
bool is_finite_bits(float v) { return (floatBitsToUint(v) & 0x7f800000u) != 0x7f800000u; }

// t = hi > lo ? clamp((v − lo) / (hi − lo), 0, 1) : 0.5   (Colormaps.SequentialT)
float sequential_t(float v, float lo, float hi) { return hi > lo ? clamp((v - lo) / (hi - lo), 0.0, 1.0) : 0.5; }

// s = maxAbs > 0 ? clamp(v / maxAbs, −1, 1) : 0   (Colormaps.DivergingS)
float diverging_s(float v, float max_abs) { return max_abs > 0.0 ? clamp(v / max_abs, -1.0, 1.0) : 0.0; }

// u = clamp(t, 0, 1)·8, i = min(floor(u), 7), mix(sample[i], sample[i + 1], u − i)   (Colormaps.Viridis)
vec3 viridis(float t)
{
    float u = clamp(t, 0.0, 1.0) * 8.0;
    int i = min(int(u), 7);
    return mix(VIRIDIS[i], VIRIDIS[i + 1], u - float(i));
}

// s < 0 ? mix(white, blue, −s) : mix(white, red, s)   (Colormaps.Diverging)
vec3 diverging(float s)
{
    s = clamp(s, -1.0, 1.0);
    return s < 0.0 ? mix(vec3(1.0), DIVERGING_NEGATIVE, -s) : mix(vec3(1.0), DIVERGING_POSITIVE, s);
}

// A channel's range as channel_range.comp stores it: (min, max, has_negative, has_finite) over the
// finite values; min = +∞ and max = −∞ when there is none (ChannelRange).
struct Range { float lo; float hi; bool negative; bool finite; };

Range unpack_range(vec4 r) { return Range(r.x, r.y, r.z != 0.0, r.w != 0.0); }

// ChannelMapping.For(range, requested).Colour(v): any negative value makes the automatic maps diverging.
vec3 channel_colour(float v, Range r, int colormap)
{
    if (is_nan_bits(v)) return NAN_COLOUR;
    int map = colormap;
    if (map == MAP_AUTO_VIRIDIS) map = r.negative ? MAP_DIVERGING : MAP_VIRIDIS;
    else if (map == MAP_AUTO_GRAYSCALE) map = r.negative ? MAP_DIVERGING : MAP_GRAYSCALE;
    float lo = r.finite ? r.lo : 0.0;
    float hi = r.finite ? r.hi : 0.0;
    float max_abs = r.finite ? max(abs(r.lo), abs(r.hi)) : 0.0;
    if (map == MAP_DIVERGING) return diverging(diverging_s(v, max_abs));
    if (map == MAP_GRAYSCALE) return vec3(sequential_t(v, lo, hi));
    return viridis(sequential_t(v, lo, hi));
}
