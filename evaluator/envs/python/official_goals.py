"""The official Meta-World goals, pinned: the data of every Task in the benchmark objects the shipped definitions use.

  .venv/bin/python evaluator/envs/python/official_goals.py write [ML10 ...]  # build the official objects, write their goals
  .venv/bin/python evaluator/envs/python/official_goals.py check [ML10 ...]  # rebuild them, compare with the JSON

The goals of a test task depend on the test tasks before it (metaworld draws a split's goals from one seeded random
stream, task after task), so they come from the whole official object: metaworld.ML10(seed).test_tasks,
metaworld.ML45(seed).test_tasks, metaworld.ML1(task, seed).test_tasks, metaworld.MT10(seed).train_tasks. Building
those takes 10-80 s; the shim reads this file instead, and a metaworld upgrade cannot move a pinned goal unnoticed
(`check` fails). The JSON holds, per (benchmark/split, seed, task), the Task's data: `rand_vec` per goal (float64,
written with round-trip precision) and the rest of the pickled kwargs, which are the same for every goal.
"""
import json
import os
import pickle
import re
import sys

import numpy

import metaworld

GOALS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "official-goals.json")
# The public seeds of the shipped definitions (evaluator/tracks/metaworld/benchmarks.ts). Private seeds are drawn per
# installation and secret: their goals are built at run time (metaworld_env.py), never pinned here.
SEEDS = [1, 2, 3]
ML1_TASKS = ["reach-v3", "push-v3", "pick-place-v3"]
BENCHMARKS = ("ML10", "ML45", "ML1", "MT10")
# Where the pickled kwargs of a Task put each key (metaworld._make_tasks): the task's kwargs, rand_vec, env_cls,
# then the benchmark's override; rebuilding in this order gives byte-identical Task data.
OVERRIDE_KEYS = ("partially_observable",)


def official_tasks(benchmark, seed):
    """{"<benchmark>/<split>": Task list} of the official object(s) for one seed."""
    if benchmark == "ML1":
        return {"ML1/test": [task for name in ML1_TASKS for task in metaworld.ML1(name, seed=seed).test_tasks]}
    if benchmark == "MT10":
        return {"MT10/train": metaworld.MT10(seed=seed).train_tasks}
    return {f"{benchmark}/test": getattr(metaworld, benchmark)(seed=seed).test_tasks}


def encode(tasks):
    """{task name: {"data": the kwargs shared by its goals, "randVecs": [...]}} in metaworld's order."""
    out = {}
    for task in tasks:
        data = pickle.loads(task.data)
        rand_vec = data.pop("rand_vec")
        env_cls = data.pop("env_cls")
        entry = out.setdefault(task.env_name, {"envClass": env_cls.__name__, "data": data, "randVecs": []})
        if entry["data"] != data or entry["envClass"] != env_cls.__name__:
            raise ValueError(f"{task.env_name}: goals differ in more than rand_vec ({data} vs {entry['data']})")
        entry["randVecs"].append(numpy.asarray(rand_vec, dtype=numpy.float64).tolist())
    return out


def make_task(env_name, env_cls, entry, goal):
    """The Task metaworld builds for goal `goal` of this entry: same data, same pickled bytes."""
    data = {k: v for k, v in entry["data"].items() if k not in OVERRIDE_KEYS}
    data.update(rand_vec=numpy.array(entry["randVecs"][goal], dtype=numpy.float64), env_cls=env_cls)
    data.update({k: v for k, v in entry["data"].items() if k in OVERRIDE_KEYS})
    return metaworld.Task(env_name=env_name, data=pickle.dumps(data))


def load(path=GOALS_FILE):
    with open(path) as f:
        return json.load(f)


def pinned(goals, benchmark, split, seed, env_name):
    """The pinned entry for one task of one seed, or None when that seed is not pinned."""
    return goals["goals"].get(f"{benchmark}/{split}", {}).get(str(seed), {}).get(env_name)


def build(benchmarks):
    result = {}
    for benchmark in benchmarks:
        for seed in SEEDS:
            for key, tasks in official_tasks(benchmark, seed).items():
                result.setdefault(key, {})[str(seed)] = encode(tasks)
            print(f"{benchmark} seed {seed} built", file=sys.stderr, flush=True)
    return result


def write(benchmarks):
    """Rebuilds the named benchmarks' entries; the file's other entries stay."""
    document = load() if os.path.exists(GOALS_FILE) else {"goals": {}}
    document = {"metaworld": metaworld_version(), "seeds": SEEDS, "goals": {**document["goals"], **build(benchmarks)}}
    with open(GOALS_FILE, "w") as f:
        f.write(dump(document))


def dump(document):
    """Indented JSON with each list of numbers (a goal's rand_vec) on one line: readable diffs, exact floats."""
    text = json.dumps(document, indent=1)
    return re.sub(r"\[\s*([-0-9.e+,\s]+?)\s*\]", lambda m: "[" + ",".join(x.strip() for x in m.group(1).split(",")) + "]", text) + "\n"


def check(benchmarks):
    """Rebuilds the official objects and compares every Task, byte for byte, with the one made from the JSON."""
    goals = load()
    problems = []
    for benchmark in benchmarks:
        for seed in SEEDS:
            for key, tasks in official_tasks(benchmark, seed).items():
                split = key.split("/")[1]
                counts = {}
                for task in tasks:
                    goal = counts.get(task.env_name, 0)
                    counts[task.env_name] = goal + 1
                    entry = pinned(goals, benchmark, split, seed, task.env_name)
                    if entry is None or goal >= len(entry["randVecs"]):
                        problems.append(f"{key} seed {seed} {task.env_name}: goal {goal} is not pinned")
                        continue
                    env_cls = pickle.loads(task.data)["env_cls"]
                    if make_task(task.env_name, env_cls, entry, goal) != task:
                        problems.append(f"{key} seed {seed} {task.env_name}: goal {goal} differs from the official Task")
                for env_name, count in counts.items():
                    entry = pinned(goals, benchmark, split, seed, env_name)
                    if entry is not None and len(entry["randVecs"]) != count:
                        problems.append(f"{key} seed {seed} {env_name}: {len(entry['randVecs'])} goals pinned, the official object has {count}")
                pinned_names = set(goals["goals"].get(key, {}).get(str(seed), {}))
                for extra in sorted(pinned_names - set(counts)):
                    problems.append(f"{key} seed {seed}: {extra} is pinned but not in the official object")
            print(f"{benchmark} seed {seed} checked", file=sys.stderr, flush=True)
    for problem in problems:
        print(problem)
    return not problems


def metaworld_version():
    from importlib.metadata import version

    return version("metaworld")


if __name__ == "__main__":
    command, names = (sys.argv[1] if len(sys.argv) > 1 else ""), sys.argv[2:] or list(BENCHMARKS)
    if command not in ("write", "check") or not set(names) <= set(BENCHMARKS):
        sys.exit(f"usage: official_goals.py write|check [{' '.join(BENCHMARKS)}]")
    if command == "write":
        write(names)
    else:
        sys.exit(0 if check(names) else 1)
