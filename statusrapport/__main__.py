from statusrapport.cli import main

main()
