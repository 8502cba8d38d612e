"""The bundled app's entry point (frozen by PyInstaller, see packaging/candour.spec): the same as the
installed `candour` and `candour-app` commands."""

import sys

from desktop.main import main

if __name__ == "__main__":
    sys.exit(main())
