"""The compiled part of tolltrack: the parser's greedy decoding loop
(src/tolltrack/nlp/fast/greedy_parser.pyx) and the attribute setter of the memoised attribute
ruler (src/tolltrack/nlp/fast/token_attrs.pyx).

Everything else about the package is in pyproject.toml. The extensions are optional: where they cannot
be built (no C++ compiler), the package installs without them and runs spaCy's own parsing loop and
attribute setter.
"""

import numpy
import spacy
from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """Build the extension where a C++ compiler is at hand; where it fails, warn and go on without it."""

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as exc:  # no compiler, missing headers: spaCy's own loop will run instead
            self.warn(f"{ext.name} not built ({exc}); tolltrack will run spaCy's code instead")


extension = Extension(
    "tolltrack.nlp.fast.greedy_parser",
    ["src/tolltrack/nlp/fast/greedy_parser.pyx"],
    language="c++",
    include_dirs=[numpy.get_include()],
    # the parse states' methods must bind to this module's copies, not to spaCy's (see the .pyx)
    extra_compile_args=["-O3", "-fvisibility=hidden", "-fvisibility-inlines-hidden"],
    define_macros=[("TOLLTRACK_SPACY", f'"{spacy.about.__version__}"')],
)
token_attrs = Extension(
    "tolltrack.nlp.fast.token_attrs",
    ["src/tolltrack/nlp/fast/token_attrs.pyx"],
    language="c++",
    include_dirs=[numpy.get_include()],
    extra_compile_args=["-O3"],
)

setup(
    ext_modules=cythonize([extension, token_attrs], language_level=3, quiet=True),
    cmdclass={"build_ext": OptionalBuildExt},
)
