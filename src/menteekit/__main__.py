from menteekit.cli import main

main()
