// foghike terrain, per vertex: atmospheric fog and the contour lines' width. The sunlight is
// fixed over the landscape, so it is baked into the vertex colours on the CPU (vectorised).
uniform mat4 u_mvp;
uniform float u_fog[4];       // atmospheric fog: on, density, depth where it starts, depth where it is thickest
uniform float u_contours[3];  // spacing in display height, line strength, world units per pixel at depth 1
attribute vec4 a_position;
attribute vec3 a_normal;      // unit normal of the height field
attribute vec4 a_color;       // rgb: lit colormap of the height; a: hiker's-fog clearance (1 = seen)
varying vec4 v_color;
// one vec3 instead of three floats: llvmpipe sets up every varying slot per triangle
varying vec3 v_fog_level_width;  // x: fog, 0 clear … 1 all sky; y: height in contour levels;
                                 // z: one pixel, in contour levels (antialiasing without fwidth)

void main() {
    v_color = a_color;
    gl_Position = u_mvp * a_position;
    float t = clamp((gl_Position.w - u_fog[2]) / max(u_fog[3] - u_fog[2], 1e-3), 0.0, 1.0);
    float fog = u_fog[0] * min(u_fog[1] * t * t * (3.0 - 2.0 * t), 1.0);
    // a one-pixel step on the ground changes the height by about slope × (world units per pixel)
    float slope = length(a_normal.xy) / max(abs(a_normal.z), 0.05);
    float width = max(slope * gl_Position.w * u_contours[2] / u_contours[0], 1e-4);
    v_fog_level_width = vec3(fog, a_position.z / u_contours[0], width);
}
