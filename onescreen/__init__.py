"""OneScreen: the one-screen overview of a Government Affairs Service Center."""

__version__ = "0.1.0"
