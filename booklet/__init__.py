"""booklet: print-ready booklets and posters for library book exhibitions."""

__version__ = "0.1.0"
