"""The bundled app's entry point (frozen by PyInstaller, see packaging/candour.spec): the same as the
installed `candour` and `candour-app` commands."""

import multiprocessing
import sys

if __name__ == "__main__":
    # PDFs are read in a child process (core.importing.sandbox). In the frozen app that child starts this
    # program again; freeze_support makes it the child rather than a second Candour.
    multiprocessing.freeze_support()
    from desktop.main import main

    sys.exit(main())
