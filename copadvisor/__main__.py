from copadvisor.cli.main import main

main()
