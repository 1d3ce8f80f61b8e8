"""``python -m mapapp``: the command line."""

from mapapp.cli import main

if __name__ == "__main__":
    main()
