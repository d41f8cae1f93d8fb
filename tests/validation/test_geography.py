"""Rules on coordinates: each breaks a copy and asserts the report."""

LOCATIONS = "datasets/locations.csv"


def test_latitude_without_longitude(package):
    package.set("locations", 2, "longitude", "")
    assert package.report() == [(LOCATIONS, 2, "longitude", "coordinates-pair")]


def test_point_outside_the_stated_country(package):
    package.set("locations", 3, "latitude", "39.0")  # central Turkey, stated as SYR
    package.set("locations", 3, "longitude", "35.0")
    [problem] = package.validate()
    assert (problem.file, problem.row, problem.column, problem.rule, problem.value) == (
        LOCATIONS,
        3,
        "latitude,longitude",
        "coordinates-in-country",
        "39.0,35.0",
    )
    assert "lies in Turkey, not in SYR" in problem.hint


def test_swapped_coordinates_are_caught(package):
    package.set("locations", 2, "latitude", "36.67693")
    package.set("locations", 2, "longitude", "35.6483")
    assert package.report() == [(LOCATIONS, 2, "latitude,longitude", "coordinates-in-country")]


def test_unparseable_coordinate_is_one_type_problem(package):
    package.set("locations", 2, "latitude", "nan")
    assert package.report() == [(LOCATIONS, 2, "latitude", "type")]
