"""Offline place index over ``geodata/gazetteer.tsv.gz``: place strings → coordinates.

Event databases and news write places as "Izum, Kharkiv region", "Near Kupiansk",
"Obolon district, Kyiv" or in Dutch ("Koepjansk", "Oekraïne").  Resolution is built around
one rule: *a wrong answer is worse than no answer*.  The package has one module per concern:

* ``index``        the data file as rows and name keys (``Place``, ``PlaceIndex``)
* ``names``        normalisation, the words around names, landmarks, raion and spelling variants
* ``hints``        what the other parts of a string and the caller's context say
* ``ranking``      the narrowing rules, in order, and the clear-winner test
* ``fuzzy``        near-miss names with one clear winner
* ``landmarks``    listed landmarks → their town; building words cut off a town's name
* ``settlements``  Ukrainian settlements (KATOTTG): other romanisations, villages without a point
* ``districts``    city districts: their own point, or their city with a note
* ``resolution``   ``Resolution``, the answer all of them give
* ``resolve``      ``Gazetteer.resolve``, the order of the steps, and ``load_gazetteer``
"""

from mapapp.gazetteer.index import DEFAULT_PATH, FORMAT_VERSION, Place, PlaceIndex
from mapapp.gazetteer.names import normalize_name
from mapapp.gazetteer.resolve import Gazetteer, Resolution, load_gazetteer

__all__ = ["DEFAULT_PATH", "FORMAT_VERSION", "Gazetteer", "Place", "PlaceIndex", "Resolution", "load_gazetteer",
           "normalize_name"]
