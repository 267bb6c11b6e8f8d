"""The `hotich` command: every stage of the chain without the window (contract: the project's spec cli.md)."""
