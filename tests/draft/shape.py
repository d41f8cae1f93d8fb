"""The draft's JSON form as issue 18 states it, written once for the tests (the code's own
copy, in draft.reading, is what they check against it)."""

EVENT_KEYS = [
    "event_date",
    "event_date_end",
    "date_precision",
    "event_type",
    "sub_event_type",
    "location",
    "actors",
    "fatalities",
    "civilian_targeting",
    "evidence",
]
LOCATION_KEYS = [
    "name",
    "country_iso3",
    "admin1",
    "latitude",
    "longitude",
    "geonames_id",
    "geo_precision",
]
