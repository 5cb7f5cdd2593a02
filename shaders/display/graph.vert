#version 430 core
// Frame-time graph lines: points in framebuffer pixels with a top-left origin (FrameTimeHistory
// puts them on pixel centres).

layout(location = 0) in vec2 a_position;

uniform vec2 u_framebuffer;

void main()
{
    gl_Position = vec4(a_position.x / u_framebuffer.x * 2.0 - 1.0, 1.0 - a_position.y / u_framebuffer.y * 2.0, 0.0, 1.0);
}
