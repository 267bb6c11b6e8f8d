"""The Qt-free core: every stage of the chain, driven by the CLI, the window and the tests.

Nothing here (or below) may import PySide6; import-linter checks that in CI.
"""
