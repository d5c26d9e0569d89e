"""``python -m copadvisor``."""

from copadvisor.cli import entry

if __name__ == "__main__":  # worker processes re-import this module: they must not run the CLI
    entry()
