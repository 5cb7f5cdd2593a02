#version 430 core
// The input image on its rectangle (tile.vert): v = 0 at the top, so texture row 0 — the first row
// uploaded, the image's top row for top-down images — is drawn at the top. Filtering is the texture's own.

uniform sampler2D u_image;

in vec2 v_uv;
out vec4 colour;

void main()
{
    colour = vec4(texture(u_image, v_uv).rgb, 1.0);
}
