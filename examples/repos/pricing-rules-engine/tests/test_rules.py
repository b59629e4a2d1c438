from engine.rules import Context, load_rules, rule_discount

RULES = load_rules("rules/pricing_rules.yaml")


def test_clearance_wins_over_slow_mover():
    assert rule_discount(RULES, Context("s", "toys", 3, 30)) == ("clearance", 0.30)


def test_seasonal_rule_only_in_autumn():
    assert rule_discount(RULES, Context("s", "garden", 10, 1))[0] == "seasonal-end"
    assert rule_discount(RULES, Context("s", "garden", 5, 1))[0] == "default"


def test_default_rule_gives_no_discount():
    assert rule_discount(RULES, Context("s", "toys", 1, 0)) == ("default", 0.0)
