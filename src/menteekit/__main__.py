from menteekit.console import run

run()
