"""What metaworld's own wrappers show an agent, for observation-wrappers.test.ts to compare the driver's with.

Reads one JSON request on stdin and writes the observations as JSON on stdout:

  {"wrapper": "one-hot", "seed": 1, "task": "push-v3", "goal": 0, "maxEpisodeSteps": 8, "episodes": [[action, ...], ...]}
      metaworld.make_mt_envs("MT10", seed, use_one_hot=True): the task's sub-environment (OneHotWrapper)
  {"wrapper": "rl2", "seed": 1, "task": "reach-v3", ...}
      metaworld.make_ml_envs(task, seed, split="test", recurrent_info_in_obs=True) (ML1; RNNBasedMetaRLWrapper)

Each episode is played from a reset (seeded the first time, as the driver seeds the unit's first reset) with the
given actions, as float32, as the shim steps. Out: {"oneHots": {task: [...]} (one-hot only), "episodes": [[obs at
reset, obs after step 1, ...], ...]}.
"""
import json
import sys

import numpy as np

import metaworld
from metaworld.env_dict import ALL_V3_ENVIRONMENTS


def _task_name(sub):
    names = {cls.__name__: name for name, cls in ALL_V3_ENVIRONMENTS.items()}
    return names[type(sub.unwrapped).__name__]


def _sub_envs(request):
    common = {"seed": request["seed"], "vector_strategy": "sync", "max_episode_steps": request["maxEpisodeSteps"]}
    if request["wrapper"] == "one-hot":
        return metaworld.make_mt_envs("MT10", use_one_hot=True, **common).envs
    return metaworld.make_ml_envs(request["task"], meta_batch_size=1, split="test", recurrent_info_in_obs=True, **common).envs


def main():
    request = json.load(sys.stdin)
    subs = _sub_envs(request)
    out = {}
    if request["wrapper"] == "one-hot":
        out["oneHots"] = {_task_name(sub): sub.get_wrapper_attr("one_hot").tolist() for sub in subs}
    sub = next(s for s in subs if _task_name(s) == request["task"])
    sub.get_wrapper_attr("toggle_sample_tasks_on_reset")(False)
    sub.unwrapped.set_task(sub.get_wrapper_attr("tasks")[request["goal"]])
    episodes = []
    for e, actions in enumerate(request["episodes"]):
        obs, _ = sub.reset(seed=request["seed"] if e == 0 else None)
        seen = [obs.tolist()]
        for action in actions:
            obs, _, _, _, _ = sub.step(np.asarray(action, dtype=np.float32))
            seen.append(obs.tolist())
        episodes.append(seen)
    out["episodes"] = episodes
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
