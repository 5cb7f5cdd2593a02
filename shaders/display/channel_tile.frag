#version 430 core
// Colours one channel tile: tile i shows channel i of a pack4 feature map (layout in common.glsl),
// nearest-neighbour scaled, with the range channel_range.comp measured. Mirrors
// ChannelVisualizer.RenderChannel: a tile of exactly the map's size reproduces it pixel for pixel.
#include "display/colormaps.glsl"

layout(std430, binding = 0) readonly buffer Map { vec4 map_data[]; };
layout(std430, binding = 1) readonly buffer Ranges { vec4 ranges[]; };   // per channel, then the merge of all at [channels]

uniform vec2 u_framebuffer;   // framebuffer width, height
uniform ivec2 u_map_size;     // map width, height
uniform int u_channels;
uniform int u_global;         // 1: every tile uses the merged range ranges[u_channels]
uniform int u_colormap;       // ChannelColormap

in vec2 v_uv;
flat in vec4 v_rect;
flat in int v_instance;
out vec4 colour;

void main()
{
    // The fragment's centre in top-left pixels, then the map pixel under it: floor of the centre's
    // position scaled from the tile to the map (exact when the tile is the map's size).
    vec2 centre = vec2(gl_FragCoord.x, u_framebuffer.y - gl_FragCoord.y);
    ivec2 p = ivec2(floor((centre - v_rect.xy) / v_rect.zw * vec2(u_map_size)));
    p = clamp(p, ivec2(0), u_map_size - 1);
    int c = v_instance;
    vec4 texel = map_data[(c >> 2) * u_map_size.x * u_map_size.y + p.y * u_map_size.x + p.x];
    float v = texel[c & 3];
    Range r = unpack_range(ranges[u_global != 0 ? u_channels : c]);
    colour = vec4(channel_colour(v, r, u_colormap), 1.0);
}
