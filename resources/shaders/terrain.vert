// foghike terrain: passes the eye-space normal, display height and eye depth on.
uniform mat4 u_mvp;
uniform mat3 u_normal;
attribute vec4 a_position;
attribute vec3 a_normal;
attribute vec4 a_color;   // rgb: colormap of the height; a: hiker's-fog clearance (1 = seen)
varying vec4 v_color;
varying vec3 v_normal;
varying float v_height;
varying float v_depth;

void main() {
    v_normal = normalize(u_normal * a_normal);
    v_color = a_color;
    v_height = a_position.z;
    gl_Position = u_mvp * a_position;
    v_depth = gl_Position.w;   // distance from the camera along the view axis
}
