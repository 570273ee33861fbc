"""Reference for bench/fewshot-real-throughput.ts: the same Conv-4 network on the same episodes, in NumPy on the CPU.

Reads <dir>/meta.json, the weights and the episodes the bench wrote, computes class probabilities for every episode
(ProtoNet prototypes, or a prototype-initialised linear head trained with Adam on the support set), writes them to
<dir>/reference.bin and prints {"episodes_per_second": ...} (timed from the second episode on, as the bench does).
"""
import json
import sys
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view


def conv_block(x, kernel, bias, gamma, beta, mean, var):
    n, h, w, c = x.shape
    padded = np.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0)))
    patches = sliding_window_view(padded, (3, 3), axis=(1, 2))  # [n, h, w, c, 3, 3]
    cols = patches.transpose(0, 1, 2, 4, 5, 3).reshape(n * h * w, 9 * c)
    y = (cols @ kernel.reshape(9 * c, -1) + bias).reshape(n, h, w, -1)
    y = (y - mean) / np.sqrt(var + 1e-3) * gamma + beta
    y = np.maximum(y, 0)
    h2, w2 = h // 2, w // 2
    return y[:, : 2 * h2, : 2 * w2].reshape(n, h2, 2, w2, 2, -1).max(axis=(2, 4))


def embed(x, blocks):
    for block in blocks:
        x = conv_block(x, *block)
    return x.reshape(x.shape[0], -1)


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def solve(support, labels, query, ways, blocks, finetune):
    s, q = embed(support, blocks), embed(query, blocks)
    onehot = np.eye(ways, dtype=np.float32)[labels]
    prototypes = onehot.T @ s / onehot.sum(0)[:, None]
    w, b = 2 * prototypes.T, -(prototypes**2).sum(1)
    if finetune:
        m_w, v_w, m_b, v_b = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
        lr, b1, b2, eps = finetune["lr"], 0.9, 0.999, 1e-7
        for t in range(1, finetune["steps"] + 1):
            g = (softmax(s @ w + b) - onehot) / len(labels)
            gw, gb = s.T @ g, g.sum(0)
            m_w, v_w = b1 * m_w + (1 - b1) * gw, b2 * v_w + (1 - b2) * gw**2
            m_b, v_b = b1 * m_b + (1 - b1) * gb, b2 * v_b + (1 - b2) * gb**2
            step = lr * np.sqrt(1 - b2**t) / (1 - b1**t)
            w = w - step * m_w / (np.sqrt(v_w) + eps)
            b = b - step * m_b / (np.sqrt(v_b) + eps)
    return softmax(q @ w + b)


def read_bench_files(folder):
    """The bench's inputs: meta.json, the Conv-4 blocks' weights and every episode's images and support labels."""
    meta = json.load(open(f"{folder}/meta.json"))
    raw = np.fromfile(f"{folder}/weights.bin", dtype=np.float32)
    by_kind, at = {}, 0
    for name, shape in zip(meta["weightNames"], meta["weightShapes"]):
        size = int(np.prod(shape))
        by_kind.setdefault(name.split("/")[-1], []).append(raw[at : at + size].reshape(shape))
        at += size
    # Saved order: every trainable weight, then the batch-norm moving statistics; grouped by kind, in layer order.
    kinds = ["kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance"]
    blocks = list(zip(*(by_kind[k] for k in kinds)))
    h, w, c = meta["imageShape"]
    ways, shots, queries = meta["ways"], meta["shots"], meta["queries"]
    per_episode = (ways * shots + ways * queries) * h * w * c
    images = np.fromfile(f"{folder}/episodes.bin", dtype=np.float32).reshape(meta["episodes"], per_episode)
    labels = np.fromfile(f"{folder}/labels.bin", dtype=np.int32).reshape(meta["episodes"], ways * shots)
    return meta, blocks, images, labels


def run_episodes(folder, meta, images, labels, solve_episode):
    """Solves every episode (support, support labels, query → probabilities), writes reference.bin, and returns the
    episodes per second timed from the second episode on, as the bench times Heldout."""
    h, w, c = meta["imageShape"]
    ways, shots, queries = meta["ways"], meta["shots"], meta["queries"]
    outputs = []
    started = None
    for e in range(meta["episodes"]):
        if e == 1:
            started = time.perf_counter()
        support = images[e, : ways * shots * h * w * c].reshape(ways * shots, h, w, c)
        query = images[e, ways * shots * h * w * c :].reshape(ways * queries, h, w, c)
        outputs.append(np.asarray(solve_episode(support, labels[e], query), dtype=np.float32))
    elapsed = time.perf_counter() - started
    np.concatenate(outputs).tofile(f"{folder}/reference.bin")
    return (meta["episodes"] - 1) / elapsed


def main(folder):
    meta, blocks, images, labels = read_bench_files(folder)
    speed = run_episodes(folder, meta, images, labels, lambda s, l, q: solve(s, l, q, meta["ways"], blocks, meta.get("finetune")))
    print(json.dumps({"episodes_per_second": speed, "numpy": np.__version__}))


if __name__ == "__main__":
    main(sys.argv[1])
