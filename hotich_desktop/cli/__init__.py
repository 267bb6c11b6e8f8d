"""The `hotich` command: every stage of the chain without the window (contracts in shared/spec/cli.md)."""
