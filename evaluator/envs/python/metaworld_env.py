"""Meta-World for the shim: one task class of one benchmark, whose goal (object/target positions) is chosen per episode.

Registered as the Gymnasium id "Heldout/MetaWorld-v1" when the shim makes an id under "Heldout/MetaWorld":

  gymnasium.make("Heldout/MetaWorld-v1", benchmark="ML10", split="test", env_name="drawer-open-v3", seed=7)
  env.reset(seed=..., options={"goal": 3})   # goal 3 of the 50 metaworld draws for (task, seed); kept until changed

Goals are drawn by metaworld's own task generator (`_make_tasks`, 50 per task) for this one task class, seeded by
`seed` as the benchmark classes do (ML1's test goals with seed + 1, as metaworld.ML1 does). Drawing only the one
class keeps start-up near a second instead of the 20-80 s that building all of ML10/ML45 takes. ML benchmarks hide
the goal (`partially_observable`: its 3 observation values are zeros); MT10 shows it.
"""
import gymnasium

import metaworld
from metaworld import env_dict

ENV_ID = "Heldout/MetaWorld-v1"


def _args_kwargs(benchmark, split, env_name):
    if benchmark == "ML1":
        return env_dict.ML1_ARGS_KWARGS[env_name]
    if benchmark == "MT10":
        return env_dict.MT10_V3_ARGS_KWARGS[env_name]
    table = {"ML10": env_dict.ML10_ARGS_KWARGS, "ML45": env_dict.ML45_ARGS_KWARGS}[benchmark]
    return table[split][env_name]


def _classes(benchmark, split):
    if benchmark == "ML1":
        return env_dict.ALL_V3_ENVIRONMENTS
    if benchmark == "MT10":
        return env_dict.MT10_V3
    return {"ML10": env_dict.ML10_V3, "ML45": env_dict.ML45_V3}[benchmark][split]


def benchmark_tasks(benchmark, split):
    """The task names of a benchmark split, in metaworld's order (the reference lists)."""
    return list(_classes(benchmark, split).keys())


class MetaWorldTask(gymnasium.Wrapper):
    def __init__(self, benchmark, split, env_name, seed):
        classes = _classes(benchmark, split)
        if env_name not in classes:
            raise ValueError(f"{env_name} is not a {benchmark} {split} task")
        cls = classes[env_name]
        override = metaworld._MT_OVERRIDE if benchmark == "MT10" else metaworld._ML_OVERRIDE
        task_seed = seed + 1 if benchmark == "ML1" and split == "test" else seed
        self.tasks = metaworld._make_tasks({env_name: cls}, {env_name: _args_kwargs(benchmark, split, env_name)}, override, seed=task_seed)
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


def make_task(benchmark, split, env_name, seed, **_):
    return MetaWorldTask(benchmark, split, env_name, seed)


def register():
    if ENV_ID not in gymnasium.registry:
        # A function, not the class: gymnasium.make reads `metadata` off the entry point, a property on a Wrapper class.
        gymnasium.register(ENV_ID, entry_point=make_task, disable_env_checker=True, order_enforce=False)
