#version 430 core
// HUD text and panel backgrounds: one batch of quads (two triangles each) in framebuffer pixels with a
// top-left origin. The atlas coordinates are texels, so the fragment stage fetches without filtering.

layout(location = 0) in vec2 a_position;   // pixels, top-left origin
layout(location = 1) in vec2 a_texel;      // atlas texels
layout(location = 2) in vec4 a_colour;     // straight alpha

uniform vec2 u_framebuffer;

out vec2 v_texel;
out vec4 v_colour;

void main()
{
    gl_Position = vec4(a_position.x / u_framebuffer.x * 2.0 - 1.0, 1.0 - a_position.y / u_framebuffer.y * 2.0, 0.0, 1.0);
    v_texel = a_texel;
    v_colour = a_colour;
}
