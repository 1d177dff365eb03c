from genogram.cli.main import main

main()
