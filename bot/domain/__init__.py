"""Pure domain model: no I/O, no SDK imports, standard library only."""
