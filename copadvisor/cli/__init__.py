"""The command line: click wiring on top of the library. Nothing in the library imports this package."""
