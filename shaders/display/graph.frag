#version 430 core
// One series' line in its colour (straight alpha, blended).

uniform vec4 u_colour;

out vec4 colour;

void main()
{
    colour = u_colour;
}
