from conflict_events.draft.counts import Figure, combined, figures_in


def test_at_least_n_is_low_and_best_with_no_high():
    assert combined([*figures_in("At least 12 soldiers were killed in the raid.")]) == {
        "low": 12,
        "best": 12,
        "high": None,
    }


def test_a_range_gives_the_lowest_as_best_and_the_largest_as_high():
    assert combined([*figures_in("The blast killed between four and seven people.")]) == {
        "low": 4,
        "best": 4,
        "high": 7,
    }


def test_claimants_who_disagree_give_a_range():
    figures = [
        *figures_in("Officials said 9 people died."),
        *figures_in("Medics said 14 people died."),
    ]
    assert combined(figures) == {"low": 9, "best": 9, "high": 14}


def test_totals_across_sides():
    assert figures_in("Two soldiers and three militants died.") == [Figure(5, 5)]


def test_no_number_no_count_and_zero_only_when_said():
    assert figures_in("Dozens were killed in the fighting.") == []
    assert combined([]) == {"low": None, "best": None, "high": None}
    assert figures_in("No one was killed in the attack.") == [Figure(0, 0)]


def test_the_wounded_the_abducted_and_days_of_the_month_are_not_fatalities():
    assert figures_in("Gunmen wounded 8 people and abducted 3 others.") == []
    assert figures_in("Five people were injured.") == []
    assert figures_in("On March 12 gunmen killed three farmers.") == [Figure(3, 3)]
    assert figures_in("killed 3 and wounded 5") == [Figure(3, 3)]


def test_an_exact_number_is_low_best_and_high():
    assert combined([*figures_in("The ambush killed six guards.")]) == {
        "low": 6,
        "best": 6,
        "high": 6,
    }


def test_a_lower_bound_above_every_exact_figure_leaves_high_open():
    figures = [
        *figures_in("Medics said at least 9 people died."),
        *figures_in("A nurse said 9 bodies were brought in."),
    ]
    assert combined(figures) == {"low": 9, "best": 9, "high": None}


def test_figures_of_two_claimants_in_one_sentence_are_a_range_not_a_total():
    figures = figures_in(
        "Police said four people had died, while a nurse said six people with gunshot wounds had died."
    )
    assert combined(figures) == {"low": 4, "best": 4, "high": 6}


def test_a_toll_put_at_a_number_and_people_shot_dead():
    assert figures_in("A second official put the toll at 17.") == [Figure(17, 17)]
    assert figures_in("Police shot dead two men.") == [Figure(2, 2)]


def test_a_whole_including_a_part_counts_the_whole():
    assert figures_in("At least eight people, including three police officers, were killed.") == [
        Figure(8, None)
    ]


def test_a_toll_that_rose_replaces_the_first_figure():
    figures = figures_in("The toll rose to 21 on Monday.") + figures_in(
        "The blast killed 9 people."
    )
    assert combined(figures) == {"low": 21, "best": 21, "high": 21}
    assert combined(figures_in("The blast killed 9 people, and 21 died, the UN said.")) == {
        "low": 9,
        "best": 9,
        "high": 21,
    }


def test_lynching_beheading_and_executing_are_killing():
    assert figures_in("A crowd lynched four men.") == [Figure(4, 4)]
    assert figures_in("Fighters beheaded two farmers.") == [Figure(2, 2)]
    assert figures_in("The gunmen executed five hostages.") == [Figure(5, 5)]


def test_a_part_among_the_dead_is_no_count_of_its_own():
    assert figures_in("Four attackers were among the dead, the army said.") == []
    assert figures_in("The toll from the raid on the market in the town rose to 30.") == [
        Figure(30, 30, final=True)
    ]
