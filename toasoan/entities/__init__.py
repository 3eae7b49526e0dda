"""People, positions, organisations and places named in articles."""
