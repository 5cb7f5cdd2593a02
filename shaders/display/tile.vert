#version 430 core
// One screen rectangle per instance, for the channel tiles and the image quad. The rectangle comes in
// framebuffer pixels with a top-left origin (PixelRect); the corners come from gl_VertexID (a
// four-vertex triangle strip), so no buffer holds positions.

layout(location = 0) in vec4 a_rect;   // x, y, width, height: pixels, top-left origin (per instance)

uniform vec2 u_framebuffer;            // framebuffer width, height in pixels

out vec2 v_uv;                         // 0..1 across the rectangle, v = 0 at its top edge
flat out vec4 v_rect;                  // the rectangle, for exact per-pixel lookups in the fragment stage
flat out int v_instance;               // the rectangle's index (tile i shows channel i)

void main()
{
    vec2 corner = vec2(gl_VertexID & 1, gl_VertexID >> 1);
    vec2 pixel = a_rect.xy + corner * a_rect.zw;
    // Top-left pixels → normalised device coordinates, whose y points up.
    vec2 ndc = vec2(pixel.x / u_framebuffer.x * 2.0 - 1.0, 1.0 - pixel.y / u_framebuffer.y * 2.0);
    gl_Position = vec4(ndc, 0.0, 1.0);
    v_uv = corner;
    v_rect = a_rect;
    v_instance = gl_InstanceID;
}
