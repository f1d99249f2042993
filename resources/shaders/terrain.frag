// foghike terrain, per fragment: contour lines, the hiker's fog, atmospheric fog (no branches).
#ifdef GL_ES
#ifdef GL_FRAGMENT_PRECISION_HIGH
precision highp float;     // u_contours is shared with the vertex shader: same precision
#else
precision mediump float;
#endif
#endif
uniform float u_sky[3];        // sky = fog colour
uniform float u_hiker_fog[3];  // hiker's fog: on, lifted, how much terrain shows through it
uniform float u_contours[3];   // spacing, line strength (0 = off), world units per pixel at depth 1
varying vec4 v_color;
varying vec3 v_fog_level_width;  // fog, height in contour levels, one pixel in levels

void main() {
    float w = v_fog_level_width.z;
    float d = abs(fract(v_fog_level_width.y - 0.5) - 0.5);  // distance to the nearest level, in levels
    float line = 1.0 - smoothstep(0.5 * w, 1.5 * w, d);
    vec3 rgb = v_color.rgb * (1.0 - 0.75 * u_contours[1] * line);
    vec3 sky = vec3(u_sky[0], u_sky[1], u_sky[2]);
    float hidden = u_hiker_fog[0] * (1.0 - u_hiker_fog[1]) * (1.0 - v_color.a);
    rgb = mix(rgb, mix(sky, rgb, u_hiker_fog[2]), hidden);
    gl_FragColor = vec4(mix(rgb, sky, v_fog_level_width.x), 1.0);
}
