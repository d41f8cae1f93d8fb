"""Trigger rules on small fictional sentences."""

from conflict_events.draft.events import triggers_in


def kinds(sentence: str) -> list[str]:
    return [t.sub_event_type for t in triggers_in(sentence)]


def test_an_attack_on_a_military_post_is_a_clash():
    assert kinds("Fighters attacked an army outpost near Gao on Friday.") == ["Armed clash"]


def test_a_killing_told_with_a_strike_is_its_outcome():
    assert kinds("Rockets struck Gao, killing four residents.") == [
        "Shelling/artillery/missile attack"
    ]
    assert kinds("Gunmen killed six farmers near Gao.") == ["Attack"]


def test_burning_during_a_riot_belongs_to_the_riot():
    assert kinds("Rioters set fire to the town hall.") == ["Violent demonstration"]


def test_one_explosion_a_sentence_the_most_specific_word_wins():
    assert kinds("A suicide bomber caused a blast at the gate.") == ["Suicide bomb"]
    assert kinds("A device hidden in a sack exploded at the bus stop.") == [
        "Remote explosive/landmine/IED"
    ]


def test_drones_and_missiles_that_hit():
    assert kinds("A drone hit a lorry on the bridge.") == ["Air/drone strike"]
    assert kinds("Two missiles slammed into the port.") == ["Shelling/artillery/missile attack"]


def test_a_road_blockade_is_a_protest_and_a_coup_is_no_territory():
    assert kinds("Traders blocked the main road into town.") == ["Peaceful protest"]
    assert kinds("The junta, which seized power last year, holds the capital.") == []


def test_statistics_over_months_are_no_event():
    assert kinds("Raids killed 90 villagers in the past six months.") == []


def test_militants_killed_by_a_strike_are_its_outcome_not_a_clash():
    assert kinds("An air strike killed six militants near Gao.") == ["Air/drone strike"]
    assert kinds("Troops killed six militants near Gao.") == ["Armed clash"]


def test_tear_gas_is_an_intervention_and_arrests_at_a_protest_are_part_of_it():
    assert kinds("Police fired tear gas and arrested marchers in the square.") == [
        "Protest with intervention"
    ]
    assert kinds("Police arrested two smugglers at the port.") == ["Arrests"]


def test_shooting_protesters_is_excessive_force_and_a_lynching_mob_violence():
    assert kinds("Troops shot dead three marchers outside the palace.") == [
        "Excessive force against protesters"
    ]
    assert kinds("A mob lynched a suspected thief in the market.") == ["Mob violence"]


def test_the_month_may_is_no_modal():
    assert kinds("Gunmen raided the village of Kessa on May 24, killing 12 villagers.") == [
        "Attack"
    ]
    assert kinds("Gunmen may raid the village of Kessa.") == []
