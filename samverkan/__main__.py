"""``python -m samverkan``: the same command line as ``samverkan``."""

from samverkan.cli import main

if __name__ == "__main__":
    main(prog_name="samverkan")
