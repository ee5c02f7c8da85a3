"""The self-check framework: references pass, stubs are 'not done', hints come in stages and never give the code."""

import ast
import importlib
import inspect
import re
import textwrap
import tokenize
from collections import Counter
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
import torch

from course_lib.checks import EXERCISES, Exercise, check, solution
from course_lib.checks.core import FAILURES, STRONGER_HINT_AFTER, _run, compare
from course_lib.messages import CATALOGUE, LANGUAGES, set_language, t

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fresh_tries():
    FAILURES.clear()
    yield
    FAILURES.clear()


def stub(*args):
    raise NotImplementedError


def returns_none(*args):
    return None


def assert_fails_with_nudge(exercise_id: str, wrong, failed: str) -> None:
    """A typical mistake fails on the ``failed`` property, and the message carries the exercise's first nudge."""
    result = check(exercise_id, wrong)
    assert result.failed == failed
    assert t(EXERCISES[exercise_id].hint) in result.message  # the nudge, in the learner's language


@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_reference_and_solution_pass_and_stub_is_not_done(exercise_id, capsys):
    exercise = EXERCISES[exercise_id]
    assert check(exercise_id, exercise.reference).ok
    assert "✅" in capsys.readouterr().out
    if exercise.solution:  # the code learners are shown must be right too
        assert check(exercise_id, exercise.solution).ok
    result = check(exercise_id, stub)
    assert (result.ok, result.failed) == (False, "not_done")
    out = capsys.readouterr().out
    assert "NotImplementedError" in out and "Traceback" not in out
    assert exercise.hint in CATALOGUE and exercise.formula in CATALOGUE
    assert exercise_id not in FAILURES  # an unfinished stub is not a failed try


def test_not_callable_and_raising_functions_are_explained(capsys):
    assert check("day04.weight_bytes", 42).failed == "not_callable"
    result = check("day04.weight_bytes", lambda n, dtype: {"fp32": 4}[dtype] * n)
    assert result.failed == "raised"
    out = capsys.readouterr().out
    assert "KeyError" in out and "Traceback" not in out
    assert t("hint_day04_weight_bytes") in out  # an error is a try too: the nudge helps


def test_wrong_values_get_the_hint_but_never_the_answer(capsys):
    set_language("en")
    result = check("day04.weight_bytes", lambda n, dtype: n * 4)  # forgets that fp16 is 2 bytes
    out = capsys.readouterr().out
    assert result.failed == "values" and result.message == out.strip()
    assert t("hint_day04_weight_bytes") in out
    assert "220000000" not in out and "220,000,000" not in out  # 110M × 2 bytes, the expected answer
    assert "(input: 110000000, 'fp16')" in out  # the first case the learner gets wrong, so they can try it


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hints_come_in_stages(lang, capsys):
    set_language(lang)
    wrong = lambda mb, acc, gpus: mb * acc  # forgets the GPUs
    nudge, formula = t("hint_day04_effective_batch"), t("hint_day04_effective_batch_formula")
    for attempt in range(1, STRONGER_HINT_AFTER):
        message = check("day04.effective_batch", wrong).message
        assert nudge in message and formula not in message and "solution=True" not in message, attempt
    check("day04.effective_batch", stub)  # a stub in between is not a try
    message = check("day04.effective_batch", wrong).message
    assert nudge in message and formula in message and 'check("day04.effective_batch", solution=True)' in message
    assert check("day04.effective_batch", EXERCISES["day04.effective_batch"].reference)
    assert "day04.effective_batch" not in FAILURES  # solved: the next mistake starts with the nudge again
    assert formula not in check("day04.effective_batch", wrong).message
    capsys.readouterr()


def test_solution_is_shown_only_on_request(capsys):
    set_language("en")
    assert check("day22.make_batch", solution=True) is None
    out = capsys.readouterr().out
    assert out.startswith(t("check_solution", id="day22.make_batch",
                            name="course_lib.checks.day22.make_batch_solution"))
    assert "def make_batch_solution(" in out and "torch.stack" in out
    solution("day24.lr_at")  # the library function is the solution where it reads plainly
    out = capsys.readouterr().out
    assert "def lr_at(" in out and "math.cos" in out


# --- a first failure gives no code ------------------------------------------------------------------------------

BRACKETS = {"(", ")", ",", ":"}
# The code the old first hints gave away; none of it may come back in a first message.
OLD_HINT_CODE = [
    "max_lr * step / warmup_steps", "int(len(ids) * (1 - val_fraction))", "view(B, T, n_head, C // n_head)",
    "transpose(1, 2)", "0.5 * (1 + cos(pi * progress))", "masked_fill", "F.cross_entropy", "loss.backward()",
    "optimizer.zero_grad()", "p.dim() >= 2", "(len(data) - 1) // block_size", "data[i+1 : i+block_size+1]",
    "torch.tril", "math.log", "torch.exp", "torch.topk", "min(1, max_norm / (norm + 1e-6))", "-ln(p)",
    "2 · n_layer · B · T · C", "reshape(B * T, V)", "(step - warmup_steps) / (total_steps - warmup_steps)",
    "max(1, ", "// new micro", "8 * math.ceil", "logits / temperature",
]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def code_fragments(fn, n: int = 4) -> set[str]:
    """Every run of ``n`` tokens of ``fn``'s code (docstring and comments left out) that holds an operator."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    body = tree.body[0].body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        tree.body[0].body = body[1:] or [ast.Pass()]
    code = ast.unparse(tree.body[0].body)
    tokens = [tok for tok in tokenize.generate_tokens(StringIO(code).readline)
              if tok.type in (tokenize.NAME, tokenize.NUMBER, tokenize.OP, tokenize.STRING)]
    fragments = set()
    for i in range(len(tokens) - n + 1):
        window = tokens[i:i + n]
        text = "".join(tok.string for tok in window)
        if any(tok.type == tokenize.OP and tok.string not in BRACKETS for tok in window) and len(text) >= 6:
            fragments.add(text)
    return fragments


def test_code_fragments_catch_the_old_first_hints():
    """The hints Day 22 and Day 24 gave on the first failure before the staging would be caught."""
    old_split = ("the first (1 - val_fraction) goes to train, the rest to val; the cut is "
                 "int(len(ids) * (1 - val_fraction)). Do not shuffle: the text must stay in order.")
    old_warmup = ("warmup is a straight line: 0 at step 0, max_lr at step warmup_steps. That is "
                  "max_lr * step / warmup_steps (not step + 1).")
    assert {"(ids)*", "(1-val_fraction"} <= code_fragments(EXERCISES["day22.split_train_val"].reference)
    assert any(f in _squash(old_split) for f in code_fragments(EXERCISES["day22.split_train_val"].reference))
    assert any(f in _squash(old_warmup) for f in code_fragments(EXERCISES["day24.warmup_lr"].solution))
    # Day 21's first pair_counts hint held exercise 2's code (merge_pair compares (ids[i], ids[i + 1]))
    old_pairs = "look at every neighbouring pair (ids[i], ids[i+1]): a list of n items has n-1 of them"
    assert any(f in _squash(old_pairs) for f in code_fragments(EXERCISES["day21.merge_pair"].reference))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("exercise_id", sorted(EXERCISES))
def test_a_first_failure_gives_no_code(exercise_id, lang, capsys):
    set_language(lang)
    exercise = EXERCISES[exercise_id]
    message = check(exercise_id, returns_none).message  # the first try, wrong
    capsys.readouterr()
    assert t(exercise.hint) in message and t(exercise.formula) not in message
    squashed = _squash(message)
    # no exercise's code: a hint must not hand over the code of the exercise next to it either
    fragments = set().union(*(code_fragments(e.reference) | code_fragments(e.solution or e.reference)
                              for e in EXERCISES.values()))
    leaked = sorted(f for f in fragments if f in squashed)
    assert not leaked, leaked
    assert not [code for code in OLD_HINT_CODE if _squash(code) in squashed]


# --- judging: numbers, dicts, the learner's inputs -----------------------------------------------------------

def test_compare_reports_the_first_wrong_property():
    want = torch.zeros(2, 3)
    assert compare([0.0], want, 1e-4, 1e-6) == "type"
    assert compare(torch.zeros(3, 2), want, 1e-4, 1e-6) == "shape"
    assert compare(torch.zeros(2, 3, dtype=torch.float64), want, 1e-4, 1e-6) == "dtype"
    assert compare(torch.ones(2, 3), want, 1e-4, 1e-6) == "values"
    assert compare(torch.zeros(2, 3), want, 1e-4, 1e-6) is None
    assert compare(True, 1, 1e-4, 1e-6) == "type"
    assert compare((1, 2), (1, 2, 3), 1e-4, 1e-6) == "shape"
    assert compare("fp16", "fp16", 1e-4, 1e-6) is None


def test_any_integral_number_is_an_int():
    assert compare(np.int64(12), 12, 1e-4, 1e-6) is None  # e.g. from np.prod or np.sum
    assert compare(np.int32(12), 12, 1e-4, 1e-6) is None
    assert compare(12.0, 12, 1e-4, 1e-6) is None  # a whole float is the same number
    assert compare(np.int64(13), 12, 1e-4, 1e-6) == "values"
    assert compare(12.5, 12, 1e-4, 1e-6) == "values"
    assert compare(1_000_001, 1_000_000, 1e-4, 1e-6) == "values"  # counts are exact, not within rtol
    assert compare(np.bool_(True), 1, 1e-4, 1e-6) == "type"
    assert compare(np.float32(0.5), 0.5, 1e-4, 1e-6) is None
    assert compare(np.bool_(False), False, 1e-4, 1e-6) is None
    assert compare(0, False, 1e-4, 1e-6) == "type"
    assert compare(torch.tensor(12), 12, 1e-4, 1e-6) == "type"


def test_numpy_integers_pass_the_checks(capsys):
    def adam8bit(shapes):
        total = 0
        for shape in shapes:
            n = np.prod(shape)  # numpy.int64
            total += 2 * n + 8 * -(-n // 256) if n >= 4096 else 8 * n
        return total

    assert check("day26.adam8bit_bytes", adam8bit)
    assert check("day29.cache_bytes", lambda L, B, T, C, nbytes: np.int64(2) * L * B * T * C * nbytes)
    assert check("day17.param_count", lambda *a: np.int64(EXERCISES["day17.param_count"].reference(*a)))
    assert check("day25.optimizer_steps", lambda n, accum: (np.int64(n // accum),) * 2)


def test_dicts_are_compared_in_order():
    want = {(1, 2): 2, (2, 3): 1}
    assert compare({(1, 2): 2, (2, 3): 1}, want, 1e-4, 1e-6) is None
    assert compare({(2, 3): 1, (1, 2): 2}, want, 1e-4, 1e-6) == "order"
    assert compare({(1, 2): 2}, want, 1e-4, 1e-6) == "values"
    assert compare({(1, 2): 2, (2, 3): 2}, want, 1e-4, 1e-6) == "values"
    assert compare([((1, 2), 2)], want, 1e-4, 1e-6) == "type"


def test_learner_cannot_change_the_reference_cases():
    def mutating(x):
        x.add_(1)  # modifies its input in place
        return x

    ex = Exercise("test.mutation", lambda x: x + 0, lambda: [(torch.zeros(2),)], "hint_day04_weight_bytes",
                  "hint_day04_weight_bytes_formula")
    assert _run(ex, mutating).failed == "values"  # reference saw the untouched input


# --- every exercise has typical mistakes in the tests ------------------------------------------------------------

def test_every_exercise_has_two_typical_mistakes_tested():
    """Each exercise has at least two wrong answers in the MISTAKES tables of tests/test_checks_day*.py."""
    counts = Counter()
    for path in sorted(ROOT.glob("tests/test_checks_day*.py")):
        module = importlib.import_module(path.stem)  # tests/ is on sys.path (pytest's default import mode)
        for name, table in vars(module).items():
            if name.startswith("MISTAKES"):
                counts.update(exercise_id for exercise_id, _, _ in table)
    few = {exercise_id: counts[exercise_id] for exercise_id in EXERCISES if counts[exercise_id] < 2}
    assert not few, few
