from statusrapport.shell.entry import main

main()
