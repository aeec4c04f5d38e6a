from tollwatch.cli import main

main(prog_name="tollwatch")  # usage lines and shell completion (_TOLLWATCH_COMPLETE) as for the installed command
