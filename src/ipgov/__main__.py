from ipgov.cli import main

main()
