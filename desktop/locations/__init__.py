"""Locations, their ratings and inspection history; also the small table kit the other panels share."""
