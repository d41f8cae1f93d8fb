from conflict_events.draft.actors import actors_in, defined_groups, governments_in, is_stored
from conflict_events.draft.reference import Reference, StoredActor

STORED = Reference(
    actors=[
        StoredActor(
            "Eastern Liberation Front",
            ("Eastern Liberation Front", "ELF fighters", "rebels"),
            "rebel_group",
            "SSD",
        )
    ]
)


def names(sentence: str, reference: Reference = STORED) -> list[tuple[str, str]]:
    return [(a.name, a.kind) for a in actors_in(sentence, reference, "SSD")]


def test_a_stored_alias_names_the_stored_actor():
    assert names("The convoy retreated as ELF fighters regrouped.") == [
        ("Eastern Liberation Front", "rebel_group")
    ]


def test_generic_actors_in_acled_style():
    assert names("Kenyan troops and gunmen exchanged fire.") == [
        ("Military Forces of Kenya", "state_forces"),
        ("Unidentified Armed Group (South Sudan)", "unidentified"),
    ]
    assert names("Police dispersed protesters.") == [
        ("Police Forces of South Sudan", "police"),
        ("Protesters (South Sudan)", "protesters"),
    ]
    assert names("Villagers were shot.") == [("Civilians (South Sudan)", "civilians")]


def test_countries_as_parties_are_governments():
    assert [a.name for a in governments_in("A truce between Chad and Niger.", Reference())] == [
        "Government of Chad",
        "Government of Niger",
    ]


def test_new_means_not_a_stored_name_or_alias():
    assert is_stored("elf fighters", STORED)
    assert not is_stored("Military Forces of Kenya", STORED)


def test_a_common_noun_alias_names_the_stored_actor_only_in_its_country():
    assert names("Rebels shelled the town.") == [("Eastern Liberation Front", "rebel_group")]
    assert [a.name for a in actors_in("Rebels shelled the town.", STORED, "KEN")] == []


def test_an_army_without_nationality_is_the_article_country_s():
    assert names("Soldiers repelled the raid.") == [
        ("Military Forces of South Sudan", "state_forces")
    ]


def test_a_group_named_with_its_acronym_is_named_by_it():
    (group,) = defined_groups(
        "Fighters of the Southern Border Front (SBF) and the army clashed on Monday."
    )
    assert (group.name, group.names) == ("SBF", ("SBF", "Southern Border Front"))
    reference = Reference(actors=[group])
    assert names("Southern Border Front fighters shelled the camp.", reference)[0] == (
        "SBF",
        "rebel_group",
    )


def test_acled_country_names_after_of():
    assert names("Soldiers and police arrived.", Reference()) == [
        ("Military Forces of South Sudan", "state_forces"),
        ("Police Forces of South Sudan", "police"),
    ]
    assert [a.name for a in governments_in("The Philippine government signed.", Reference())] == [
        "Government of the Philippines"
    ]


def test_a_generic_word_after_a_group_s_name_is_that_group():
    assert names("ELF fighters and Eastern Liberation Front militants regrouped.") == [
        ("Eastern Liberation Front", "rebel_group"),
        ("Eastern Liberation Front", "rebel_group"),
    ]


def test_a_coded_name_before_a_word_for_armed_men_is_a_group():
    assert names("K9 rebels and XLF fighters fled.", Reference()) == [
        ("K9", "rebel_group"),
        ("XLF", "rebel_group"),
    ]


def test_a_capitalised_name_ending_in_army_or_front_is_a_group_a_nationality_is_not():
    assert names("The Kessa Hills Army seized the ridge.", Reference()) == [
        ("Kessa Hills Army", "rebel_group")
    ]
    assert names("The Kenyan Army seized the ridge.", Reference()) == [
        ("Military Forces of Kenya", "state_forces")
    ]


def test_an_acronym_spells_the_words_before_it_and_a_datelines_agency_is_no_group():
    (group,) = defined_groups("Rebels of the Front for Unity in the North (FUN) withdrew.")
    assert group.names == ("FUN", "Front for Unity in the North")
    assert defined_groups("HARARE (AFP) - Police said.\n\nLUSAKA, Zambia (AP) - Troops said.") == []


def test_a_name_before_a_word_for_fighters_is_a_group_and_a_description_is_not():
    from conflict_events.draft.actors import groups_before_fighters

    text = "Clashes between Kobra militiamen and Islamist fighters. Rebel fighters fled."
    assert [g.name for g in groups_before_fighters(text)] == ["Kobra"]
