from conflict_events.draft.claimants import claimant_of

CREDIT = "Wire and agencies"


def test_x_said_and_according_to_x():
    assert claimant_of("The army said it repelled the attack.", CREDIT) == "army"
    assert claimant_of("Ten died, according to local officials.", CREDIT) == "local officials"
    assert (
        claimant_of("Rebels took the town, a monitor and state radio said.", CREDIT)
        == "monitor; state radio"
    )


def test_said_after_a_quote():
    assert (
        claimant_of('"We were shelled all night," said Mayor Ana Ruiz.', CREDIT) == "Mayor Ana Ruiz"
    )


def test_no_claimant_is_the_credit():
    assert claimant_of("Shells hit the market on Monday.", CREDIT) == CREDIT
