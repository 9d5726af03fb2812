"""Pure valuation of one cost pool (成本池): a sequence of moves in, values out.

No database here: `value_moves` takes the moves of one item in one warehouse (or one
batch, for 个别计价) in valuation order and returns every move's value. The same function
values a new move at the end of the ledger (starting from a saved state) and re-values
a whole pool after a backdated document (starting from zero), so both paths agree to
the fen by construction.

Units: quantities are integers of 1e-4 base units, values integers of fen, unit costs
integers of 1e-6 yuan per base unit. All arithmetic is on integers with explicit
half-up rounding (money.mul_div_round); nothing is ever lost: a move that brings the
quantity to zero takes exactly the remaining value.

Methods:
- moving_average (移动加权平均): an issue is valued at balance value / balance qty.
- fifo (先进先出): issues consume the oldest layers first.
- periodic (月末一次加权平均): issues carry the moving average provisionally; once the
  month's unit cost is settled (`settled_costs[period]`), issues of that month use it.
- specific (个别计价): the pool is one batch, valued like moving_average.
Negative stock (when allowed): an issue beyond the balance is valued at the last known
unit cost; the next receipt trues the whole balance up to its own unit cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jxc_desktop.engine.money import mul_div_round

# qty units (1e-4) × unit cost units (1e-6 yuan) → fen (1e-2 yuan): divide by 1e8
COST_TO_FEN = 10**8
# value (fen) / qty (1e-4) → unit cost (1e-6 yuan): multiply by 1e8
FEN_TO_COST = 10**8

FIXED = "fixed"  # a receipt whose value is given (purchase, opening stock)
LINKED = "linked"  # a receipt valued at another move's value (transfer in, return)
BOOK = "book"  # a receipt at the pool's current unit cost (stocktake gain)
COMPUTED = "computed"  # an issue valued by the method
VALUE = "value"  # a value-only adjustment (成本调整), qty 0


@dataclass(slots=True)  # one per move of a re-valued pool: 100,000s of them
class MoveIn:
    id: int
    qty: int
    source: str
    value: int = 0  # given value for FIXED / LINKED / VALUE
    period: str = ""  # YYYY-MM, used by the periodic method


@dataclass(slots=True)  # one per pool a document touches: 1,000s per approval
class PoolState:
    qty: int = 0
    value: int = 0
    last_unit_cost: int = 0
    layers: list[list[int]] = field(default_factory=list)  # FIFO: [qty, value] oldest first

    def copy(self) -> PoolState:
        return PoolState(self.qty, self.value, self.last_unit_cost, [list(x) for x in self.layers])


@dataclass(slots=True)
class MoveOut:
    id: int
    value: int  # the move's value (signed like its qty)
    trueup: int = 0  # negative-stock true-up carried by a receipt
    balance_qty: int = 0
    balance_value: int = 0


def unit_cost_of(value: int, qty: int) -> int:
    """Unit cost (1e-6 yuan) of a value (fen) and quantity (1e-4), half-up; 0 for no qty."""
    if qty == 0:
        return 0
    return abs(mul_div_round(value, FEN_TO_COST, qty))


def _value_at_cost(qty: int, unit_cost: int) -> int:
    return mul_div_round(qty, unit_cost, COST_TO_FEN)


class Pool:
    __slots__ = ("method", "s", "settled")

    def __init__(self, method: str, state: PoolState, settled: dict[str, int]):
        self.method = method
        self.s = state
        self.settled = settled

    # --- receipts
    def receive(self, qty: int, value: int) -> int:
        """Adds a receipt; returns the true-up when it arrives on a negative balance."""
        s = self.s
        s.last_unit_cost = unit_cost_of(value, qty) if qty else s.last_unit_cost
        if s.qty < 0:
            new_qty = s.qty + qty
            target = mul_div_round(new_qty, value, qty) if qty else s.value + value
            trueup = target - (s.value + value)
            s.qty, s.value = new_qty, target
            s.layers = [[new_qty, target]] if new_qty else []
            return trueup
        s.qty += qty
        s.value += value
        if self.method == "fifo" and qty:
            s.layers.append([qty, value])
        return 0

    def current_unit_cost(self) -> int:
        s = self.s
        if s.qty > 0:
            return unit_cost_of(s.value, s.qty)
        return s.last_unit_cost

    def book_value(self, qty: int) -> int:
        s = self.s
        if s.qty > 0:
            return mul_div_round(qty, s.value, s.qty)
        return _value_at_cost(qty, s.last_unit_cost)

    # --- issues
    def issue(self, qty: int, period: str) -> int:
        """Takes `qty` (> 0) out; returns the (positive) value taken."""
        s = self.s
        if self.method == "fifo":
            value = self._issue_fifo(qty)
        elif self.method == "periodic" and period in self.settled:
            value = self._issue_at(qty, self.settled[period])
        else:
            value = self._issue_average(qty)
        if s.qty > 0:
            s.last_unit_cost = unit_cost_of(s.value, s.qty) or s.last_unit_cost
        return value

    def _issue_average(self, qty: int) -> int:
        s = self.s
        if qty == s.qty:
            value = s.value
        elif qty < s.qty:
            value = mul_div_round(qty, s.value, s.qty)
        else:  # beyond the balance: all that is there, the rest at the last cost
            rest = qty - max(s.qty, 0)
            value = (s.value if s.qty > 0 else 0) + _value_at_cost(rest, s.last_unit_cost)
        s.qty -= qty
        s.value -= value
        if s.qty == 0:
            value += s.value
            s.value = 0
        return value

    def _issue_at(self, qty: int, unit_cost: int) -> int:
        s = self.s
        value = s.value if qty == s.qty else _value_at_cost(qty, unit_cost)
        s.qty -= qty
        s.value -= value
        return value

    def _issue_fifo(self, qty: int) -> int:
        s = self.s
        need, value = qty, 0
        while need > 0 and s.layers and s.layers[0][0] > 0:
            lq, lv = s.layers[0]
            if lq <= need:
                value += lv
                need -= lq
                s.layers.pop(0)
            else:
                part = mul_div_round(need, lv, lq)
                s.layers[0] = [lq - need, lv - part]
                value += part
                need = 0
        if need > 0:  # negative stock: the rest at the last known cost
            part = _value_at_cost(need, s.last_unit_cost)
            value += part
            if s.layers and s.layers[-1][0] < 0:
                s.layers[-1][0] -= need
                s.layers[-1][1] -= part
            else:
                s.layers.append([-need, -part])
        s.qty -= qty
        s.value -= value
        return value

    def apply(self, m: MoveIn) -> MoveOut:
        """Values one move and updates the pool."""
        value, trueup = self.take(m.qty, m.source, m.value, m.period)
        return MoveOut(m.id, value, trueup, self.s.qty, self.s.value)

    def take(self, qty: int, source: str, value: int, period: str) -> tuple[int, int]:
        """`apply` without the records: (the move's value, its true-up). The ledger's
        append path calls it for each of a document's 1,000s of lines."""
        if source == VALUE:
            self.adjust_value(value)
            return value, 0
        if qty > 0:
            if source == BOOK:
                value = self.book_value(qty)
            return value, self.receive(qty, value)
        if qty < 0:
            return -self.issue(-qty, period), 0
        return 0, 0

    def adjust_value(self, value: int) -> None:
        s = self.s
        s.value += value
        if self.method == "fifo" and s.layers:
            # spread over the layers in proportion to their quantity, the last takes the rest
            total_qty = sum(q for q, _ in s.layers)
            left = value
            for layer in s.layers[:-1]:
                part = mul_div_round(value, layer[0], total_qty) if total_qty else 0
                layer[1] += part
                left -= part
            s.layers[-1][1] += left
        if s.qty > 0:
            s.last_unit_cost = unit_cost_of(s.value, s.qty)


def value_moves(
    method: str,
    moves: list[MoveIn],
    state: PoolState | None = None,
    settled_costs: dict[str, int] | None = None,
) -> tuple[list[MoveOut], PoolState]:
    """Values `moves` in order, starting from `state` (empty by default).

    Returns each move's value and the pool's state afterwards. LINKED moves must carry
    the value of the move they are linked to (the caller resolves it first).
    """
    pool = Pool(method, (state or PoolState()).copy(), settled_costs or {})
    return [pool.apply(m) for m in moves], pool.s
