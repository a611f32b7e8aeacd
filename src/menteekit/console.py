"""`mk` as the shell starts it: the console script and `python -m menteekit`.

A run of `mk` makes next to no reference cycles, so the cyclic garbage collector only costs it
time: it would walk every object of the start-up imports and of the records read, again and
again, and once more to free them all at exit. Reference counting still frees what the run
lets go of: `mk demo`, which writes a whole sample store, peaks about 2 MB higher without the
collector. Tests call `menteekit.cli.main` and keep the collector.
"""

import gc
import os


def run() -> None:
    gc.disable()
    # Pydantic plugins (telemetry and tracing tools) would see every record validated, and
    # finding them scans every installed package; the user's own setting is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from menteekit.cli import main

    try:
        main()
    finally:
        # At exit the collector would free each object one by one; the OS frees them at once.
        gc.freeze()
