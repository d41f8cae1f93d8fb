from conflict_events.draft.places import places_in
from conflict_events.draft.reference import Reference, StoredPlace, fold

STORED = StoredPlace("Tal Abyad-Sharqi", "SYR", "Raqqa", None, None, None, False)


def found(sentence: str, reference: Reference | None = None) -> list[tuple[str, str, int, bool]]:
    return [
        (m.place.name, m.place.country_iso3, m.precision, m.stored)
        for m in places_in(sentence, reference or Reference())
    ]


def test_a_stored_place_comes_first_whatever_its_hyphens():
    reference = Reference(places={fold(STORED.name): STORED})
    assert found("Fighters entered Tal Abyad Sharqi on Monday.", reference) == [
        ("Tal Abyad-Sharqi", "SYR", 1, True)
    ]


def test_gazetteer_cities_and_countries():
    assert found("Shells fell on Mosul in Iraq.") == [
        ("Mosul", "IRQ", 1, False),
        ("Iraq", "IRQ", 6, False),
    ]


def test_a_place_described_relative_to_another_is_precision_two():
    assert found("Troops fought west of the city of Aleppo.")[0][2] == 2
    assert found("Gunmen struck a village near Kaduna.")[0][2] == 2


def test_a_road_region_and_country_have_their_precisions():
    assert found("An ambush on the highway linking Kandahar with Herat.")[0][2] == 5
    assert found("Strikes hit Idlib province.")[0][2] == 4
    assert found("Clashes spread across Mali.")[0][2] == 6


def test_month_and_weekday_names_are_not_places():
    assert [m[0] for m in found("In March fighters shelled Mosul on Friday.")] == ["Mosul"]


def test_a_road_between_two_towns_is_one_place_at_precision_five():
    (road,) = found("A mine hit a bus on the road between Mosul and Erbil.")
    assert (road[0], road[1], road[2]) == ("Mosul-Erbil road", "IRQ", 5)


def test_a_region_the_gazetteer_lacks_is_named_by_its_kind():
    assert found("Troops swept the province of Zamfara Highlands.") == [
        ("Zamfara Highlands", "", 4, False)
    ]


def test_a_residential_district_of_a_town_is_the_town_and_a_person_is_no_town():
    assert found("Shells hit a residential district of Mosul.")[0][2] == 1
    assert found("Mosul Ahmed Karim, a farmer, said so.") == []


def test_another_spelling_of_a_gazetteer_town():
    (place,) = places_in("Troops clashed with rebels near Oisha.", Reference())
    assert (place.place.name, place.place.country_iso3, place.precision) == ("Oisha", "COD", 2)


def test_a_word_for_a_group_is_no_town():
    assert found("Police said Soldiers had left Mosul.") == [("Mosul", "IRQ", 1, False)]


def test_arabic_particles_ez_and_es_stay_in_a_name():
    assert found("Fighters clashed in Deir ez-Zor on Friday.")[0][:3] == ("Deir ez-Zor", "SYR", 1)
