"""``python -m samverkan``: the same command line as ``samverkan``."""

from samverkan.cli import run

if __name__ == "__main__":
    run()
