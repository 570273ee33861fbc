"""Meta-World for the shim: one task class of one benchmark, whose goal (object/target positions) is chosen per episode.

Registered as the Gymnasium id "Heldout/MetaWorld-v1" when the shim makes an id under "Heldout/MetaWorld":

  gymnasium.make("Heldout/MetaWorld-v1", benchmark="ML10", split="test", env_name="drawer-open-v3", seed=7, goals="official-v1")
  env.reset(seed=..., options={"goal": 3})   # goal 3 of the task's 50; kept until changed

`goals` says where the task's 50 goals come from (the spec's `goals` field):

  official-v1   the Tasks of the official benchmark object for `seed` (metaworld.ML10(seed).test_tasks, ML45's,
                ML1(task, seed).test_tasks, MT10(seed).train_tasks). Seeds pinned in official-goals.json
                (official_goals.py) are read from it; another seed is drawn as the official constructor draws that
                split (one seeded stream over the split's task classes in order), which costs a few seconds.
  per-task-v1   metaworld's generator for this one task class alone, seeded by `seed` (ML1's test goals with
                seed + 1). Equal to the official goals only for a split's first task; kept so that spec versions
                made with it evaluate as they did.

ML benchmarks hide the goal (`partially_observable`: its 3 observation values are zeros); MT10 shows it.
"""
import gymnasium

import metaworld
from metaworld import env_dict

import official_goals

ENV_ID = "Heldout/MetaWorld-v1"
GOAL_SOURCES = ("official-v1", "per-task-v1")


def _args_kwargs(benchmark, split):
    if benchmark == "ML1":
        return env_dict.ML1_ARGS_KWARGS
    if benchmark == "MT10":
        return env_dict.MT10_V3_ARGS_KWARGS
    return {"ML10": env_dict.ML10_ARGS_KWARGS, "ML45": env_dict.ML45_ARGS_KWARGS}[benchmark][split]


def _classes(benchmark, split):
    if benchmark == "ML1":
        return env_dict.ALL_V3_ENVIRONMENTS
    if benchmark == "MT10":
        return env_dict.MT10_V3
    return {"ML10": env_dict.ML10_V3, "ML45": env_dict.ML45_V3}[benchmark][split]


def benchmark_tasks(benchmark, split):
    """The task names of a benchmark split, in metaworld's order (the reference lists)."""
    return list(_classes(benchmark, split).keys())


def _override(benchmark):
    return metaworld._MT_OVERRIDE if benchmark == "MT10" else metaworld._ML_OVERRIDE


def _draw(benchmark, split, env_name, seed, names):
    """metaworld's _make_tasks over the task classes `names` (in the split's order) with the benchmark's seed, this task's Tasks only."""
    task_seed = seed + 1 if benchmark == "ML1" and split == "test" else seed
    classes, kwargs = _classes(benchmark, split), _args_kwargs(benchmark, split)
    tasks = metaworld._make_tasks({n: classes[n] for n in names}, {n: kwargs[n] for n in names}, _override(benchmark), seed=task_seed)
    return [task for task in tasks if task.env_name == env_name]


def official_tasks(benchmark, split, env_name, seed):
    """The official object's Tasks for this task and seed: pinned, or drawn as its constructor draws the split."""
    entry = official_goals.pinned(official_goals.load(), benchmark, split, seed, env_name)
    cls = _classes(benchmark, split)[env_name]
    if entry is not None:
        if entry["envClass"] != cls.__name__:
            raise ValueError(f"official-goals.json pins {env_name} for {entry['envClass']}, but metaworld's class is {cls.__name__}")
        return [official_goals.make_task(env_name, cls, entry, goal) for goal in range(len(entry["randVecs"]))]
    # The constructors draw a split's goals from one stream seeded at the split's start, task class after task class
    # in the order of the split's kwargs (ML1: its one class), so the classes up to this one give this task's goals.
    names = [env_name] if benchmark == "ML1" else list(_args_kwargs(benchmark, split))
    return _draw(benchmark, split, env_name, seed, names[: names.index(env_name) + 1])


class MetaWorldTask(gymnasium.Wrapper):
    def __init__(self, benchmark, split, env_name, seed, goals):
        classes = _classes(benchmark, split)
        if env_name not in classes:
            raise ValueError(f"{env_name} is not a {benchmark} {split} task")
        if goals not in GOAL_SOURCES:
            raise ValueError(f"goals must be one of {', '.join(GOAL_SOURCES)}, not {goals!r}")
        cls = classes[env_name]
        if goals == "official-v1":
            self.tasks = official_tasks(benchmark, split, env_name, seed)
        else:
            self.tasks = _draw(benchmark, split, env_name, seed, [env_name])
        env = cls()
        env.seed(seed)
        super().__init__(env)
        self.goal = None

    def reset(self, *, seed=None, options=None):
        goal = (options or {}).get("goal")
        if goal is not None:
            if not 0 <= goal < len(self.tasks):
                raise ValueError(f"goal {goal} is outside 0..{len(self.tasks) - 1}")
            if goal != self.goal:
                self.env.unwrapped.set_task(self.tasks[goal])
                self.goal = goal
        if self.goal is None:
            raise ValueError('the first reset must choose a goal: options={"goal": i}')
        return self.env.reset(seed=seed)


def make_task(benchmark, split, env_name, seed, goals="official-v1", **_):
    return MetaWorldTask(benchmark, split, env_name, seed, goals)


def register():
    if ENV_ID not in gymnasium.registry:
        # A function, not the class: gymnasium.make reads `metadata` off the entry point, a property on a Wrapper class.
        gymnasium.register(ENV_ID, entry_point=make_task, disable_env_checker=True, order_enforce=False)
