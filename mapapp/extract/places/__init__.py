"""Place finding: which capitalised names in a sentence are the location of what it reports.

``finder.PlaceFinder`` reads each name in a visible order of steps, one concern per module: ``names`` (where a
name starts and ends), ``notplaces`` (words that say it is not a location), ``lookup`` (the gazetteer), ``named``
and ``known`` (whether an unknown or a known name is a location), ``passing`` (points of reference).  Each rule
has a row in tests/test_extract_rules.py or tests/test_extract_rules_places.py.
"""

from mapapp.extract.places.finder import PlaceFinder
from mapapp.extract.places.known import BIG_PLACE
from mapapp.extract.places.mention import PlaceMention, area_holds

__all__ = ["BIG_PLACE", "PlaceFinder", "PlaceMention", "area_holds"]
