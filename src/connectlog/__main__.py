from connectlog.cli import main

main()
