from tollwatch.cli import main

main()
