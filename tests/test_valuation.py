"""The pure valuation of one cost pool, as small tables of expected values (fen, 1e-4 qty)."""

from jxc_desktop.engine.inventory.valuation import (
    BOOK,
    COMPUTED,
    FIXED,
    VALUE,
    MoveIn,
    value_moves,
)

Q = 10**4  # one base unit in qty units


def run(method, moves, settled=None):
    out, state = value_moves(method, [MoveIn(i, *m) for i, m in enumerate(moves)], None, settled)
    return [(o.value, o.balance_qty // Q, o.balance_value) for o in out], state


def test_moving_average_with_exact_zero():
    rows, state = run(
        "moving_average",
        [
            (10 * Q, FIXED, 1000),  # 10 @ 1.00
            (20 * Q, FIXED, 2500),  # 20 @ 1.25
            (-7 * Q, COMPUTED),  # avg 3500/30 = 1.1666.. → 816.67 → 817
            (-23 * Q, COMPUTED),  # takes exactly the rest
        ],
    )
    assert rows == [(1000, 10, 1000), (2500, 30, 3500), (-817, 23, 2683), (-2683, 0, 0)]
    assert state.value == 0


def test_fifo_consumes_oldest_layers():
    rows, state = run(
        "fifo",
        [
            (10 * Q, FIXED, 1000),
            (10 * Q, FIXED, 1500),
            (-15 * Q, COMPUTED),  # 1000 + 5 of 1500 = 750
            (-5 * Q, COMPUTED),
        ],
    )
    assert [r[0] for r in rows] == [1000, 1500, -1750, -750]
    assert state.layers == [] and state.value == 0


def test_fifo_partial_layer_rounds_half_up_and_keeps_rest():
    rows, state = run("fifo", [(3 * Q, FIXED, 100), (-1 * Q, COMPUTED), (-1 * Q, COMPUTED)])
    assert [r[0] for r in rows] == [100, -33, -34]  # 33.33 → 33; 67 / 2 = 33.5 → 34
    assert state.layers == [[Q, 33]]


def test_negative_stock_then_trueup():
    rows, state = run(
        "moving_average",
        [
            (10 * Q, FIXED, 1000),
            (-15 * Q, COMPUTED),  # 10 at 1.00 + 5 at last cost 1.00
            (10 * Q, FIXED, 2000),  # arrives at 2.00: the -5 are trued up to 2.00
        ],
    )
    assert rows[1] == (-1500, -5, -500)
    assert rows[2] == (2000, 5, 1000)
    assert state.value == 1000


def test_stocktake_gain_at_book_cost_and_value_adjustment():
    rows, _ = run(
        "moving_average",
        [(4 * Q, FIXED, 1000), (1 * Q, BOOK), (0, VALUE, -250), (-5 * Q, COMPUTED)],
    )
    assert rows == [(1000, 4, 1000), (250, 5, 1250), (-250, 5, 1000), (-1000, 0, 0)]


def test_periodic_uses_settled_cost_for_its_month():
    moves = [
        MoveIn(1, 10 * Q, FIXED, 1000, "2026-01"),
        MoveIn(2, -5 * Q, COMPUTED, 0, "2026-01"),
        MoveIn(3, 10 * Q, FIXED, 3000, "2026-01"),
    ]
    provisional, _ = value_moves("periodic", moves)
    assert provisional[1].value == -500
    settled, _ = value_moves("periodic", moves, settled_costs={"2026-01": 2_000_000})
    assert settled[1].value == -1000


def test_state_carries_on_like_a_full_replay():
    moves = [
        MoveIn(i, q, s, v)
        for i, (q, s, v) in enumerate(
            [
                (3 * Q, FIXED, 1000),
                (-1 * Q, COMPUTED, 0),
                (7 * Q, FIXED, 999),
                (-4 * Q, COMPUTED, 0),
            ]
        )
    ]
    full, _ = value_moves("fifo", moves)
    first, state = value_moves("fifo", moves[:2])
    rest, _ = value_moves("fifo", moves[2:], state.copy())
    assert [o.value for o in full] == [o.value for o in first + rest]
