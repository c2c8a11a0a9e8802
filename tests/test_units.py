"""ooxml/units.py: points in, twips out, through one conversion with one rounding rule."""

from __future__ import annotations

from fractions import Fraction

import jinja2

from baocao_gen.ooxml.units import Length, points, share, step, step_down, twips


def test_twips_rounds_to_the_nearest_and_a_half_to_the_even_twip():
    assert twips(Fraction(187, 1)) == 3740
    assert twips(Fraction(3741, 20)) == 3741
    assert twips(Fraction(41, 40)) == 20 and twips(Fraction(43, 40)) == 22  # 20.5 → 20, 21.5 → 22
    assert twips(187.05) == 3741  # a float a hair under 187.05 is still 3741 twips
    assert twips(0.025) == 0 and twips(0.075) == 2  # halves of a float stay halves


def test_points_and_steps_are_exact():
    assert points(9355) == Fraction(9355, 20) and twips(points(9355)) == 9355
    assert step(Fraction(1, 30)) == Fraction(1, 20)
    assert step_down(Fraction(119, 40)) == Fraction(59, 20)  # 2.975 pt → 2.95 pt, never up


def test_share_adds_up_to_the_whole_with_the_first_shares_larger():
    parts = share(Fraction(1, 4), 3)  # 5 twips in 3
    assert parts == [Fraction(2, 20), Fraction(2, 20), Fraction(1, 20)] and sum(parts) == Fraction(1, 4)


def test_a_length_prints_in_twips_where_a_template_tag_asks_for_it():
    template = jinja2.Environment(autoescape=True).from_string('<w:tcW w:w="{{ cot }}"/>')
    assert template.render(cot=Length(Fraction(3976, 20))) == '<w:tcW w:w="3976"/>'
