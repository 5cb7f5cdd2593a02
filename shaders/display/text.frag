#version 430 core
// Glyph coverage (R8 atlas) times the colour's alpha. Quads sit on whole pixels with one texel per
// pixel, so the interpolated texel coordinate at a fragment centre is texel + 0.5 and floor finds it.
// Fills point every corner at the atlas's opaque block.

uniform sampler2D u_atlas;

in vec2 v_texel;
in vec4 v_colour;
out vec4 colour;

void main()
{
    float coverage = texelFetch(u_atlas, ivec2(floor(v_texel)), 0).r;
    colour = vec4(v_colour.rgb, v_colour.a * coverage);
}
