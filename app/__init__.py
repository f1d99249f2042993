"""foghike's Qt application: the classroom window, its views, panels and exports."""

import os
import sys

# PyOpenGL calls glGetError after every GL call; on a software renderer that is ~20% of a
# frame. Shader compile and link failures are still raised. FOGHIKE_GL_DEBUG=1 keeps checks.
if "OpenGL.GL" not in sys.modules and not os.environ.get("FOGHIKE_GL_DEBUG"):
    import OpenGL

    OpenGL.ERROR_CHECKING = False
