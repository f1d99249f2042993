// foghike terrain: lit colormap, contour lines, the hiker's fog and atmospheric fog.
#ifdef GL_ES
#extension GL_OES_standard_derivatives : enable
precision mediump float;
#endif
uniform float u_sky[3];        // sky = fog colour
uniform float u_fog[4];        // atmospheric fog: on, density, depth where it starts, depth where it is thickest
uniform float u_hiker_fog[3];  // hiker's fog: on, lifted, how much terrain shows through it
uniform float u_contours[2];   // contour spacing in display height (0 = off), line strength
varying vec4 v_color;
varying vec3 v_normal;
varying float v_height;
varying float v_depth;

void main() {
    vec3 n = normalize(v_normal);
    vec3 light = normalize(vec3(-0.35, 0.55, 0.76));
    float diffuse = abs(dot(n, light));            // two-sided: the underside is lit too
    vec3 rgb = v_color.rgb * (0.38 + 0.62 * diffuse);

    if (u_contours[0] > 0.0) {
        float c = v_height / u_contours[0];
        float d = abs(fract(c - 0.5) - 0.5);        // distance to the nearest level, in levels
        float w = max(fwidth(c), 1e-4);
        float line = 1.0 - smoothstep(0.6 * w, 1.6 * w, d);
        rgb = mix(rgb, rgb * 0.25, line * u_contours[1]);
    }

    vec3 sky = vec3(u_sky[0], u_sky[1], u_sky[2]);
    if (u_hiker_fog[0] > 0.5 && u_hiker_fog[1] < 0.5) {
        vec3 hidden = mix(sky, rgb, u_hiker_fog[2]);
        rgb = mix(hidden, rgb, v_color.a);
    }
    if (u_fog[0] > 0.5) {
        float t = clamp((v_depth - u_fog[2]) / max(u_fog[3] - u_fog[2], 1e-3), 0.0, 1.0);
        rgb = mix(rgb, sky, (1.0 - exp(-3.0 * u_fog[1] * t)) );
    }
    gl_FragColor = vec4(rgb, 1.0);
}
