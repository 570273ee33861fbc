"""PyTorch CPU reference for bench/fewshot-real-throughput.ts: the same Conv-4 network, weights and episodes.

Reads <dir>/meta.json, the TF.js weights and the episodes the bench wrote (the same files as fewshot_reference.py),
computes class probabilities for every episode — ProtoNet prototypes, or a prototype-initialised linear head trained
with Adam on the support set's features (body frozen, as the evaluator's finetune kind with trainable "head") — writes
them to <dir>/reference.bin and prints {"episodes_per_second": ...}, timed from the second episode on as the bench
does. meta["threads"] sets torch's intra-op threads to match the TF.js backend being compared.
"""
import json
import os
import sys

# Before torch loads OpenMP: idle threads sleep instead of spinning. On a host with more runnable threads than cores,
# spinning threads starve the ones doing the work (measured here: 2 threads went from ~6 to ~1 episode/s).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np
import torch
from torch import nn

from fewshot_reference import read_bench_files, run_episodes


def conv4(blocks, channels):
    """Conv-4 in eval mode with the TF.js weights: kernels [kh, kw, in, out] → [out, in, kh, kw]; TF's BN epsilon."""
    layers = []
    for kernel, bias, gamma, beta, mean, var in blocks:
        conv = nn.Conv2d(channels, kernel.shape[3], 3, padding=1)
        conv.weight.data = torch.from_numpy(np.ascontiguousarray(kernel.transpose(3, 2, 0, 1)))
        conv.bias.data = torch.from_numpy(bias.copy())
        norm = nn.BatchNorm2d(kernel.shape[3], eps=1e-3)
        norm.weight.data, norm.bias.data = torch.from_numpy(gamma.copy()), torch.from_numpy(beta.copy())
        norm.running_mean.data, norm.running_var.data = torch.from_numpy(mean.copy()), torch.from_numpy(var.copy())
        layers += [conv, norm, nn.ReLU(), nn.MaxPool2d(2)]
        channels = kernel.shape[3]
    return nn.Sequential(*layers).eval()


def embed(net, images):
    """NHWC images → features flattened in NHWC order (TF's Flatten), so feature k means the same on both sides."""
    return net(images.permute(0, 3, 1, 2)).permute(0, 2, 3, 1).flatten(1)


def solve(net, support, labels, query, ways, finetune):
    # no_grad, not inference_mode: the finetune head trains on these features with autograd.
    with torch.no_grad():
        s, q = embed(net, support), embed(net, query)
    onehot = nn.functional.one_hot(labels, ways).float()
    prototypes = onehot.T @ s / onehot.sum(0)[:, None]
    if not finetune:
        return torch.softmax(-(q[:, None, :] - prototypes[None]).square().sum(2), dim=1)
    w = (2 * prototypes.T).clone().requires_grad_()
    b = (-(prototypes**2).sum(1)).clone().requires_grad_()
    optimizer = torch.optim.Adam([w, b], lr=finetune["lr"], eps=1e-7)
    for _ in range(finetune["steps"]):
        optimizer.zero_grad()
        nn.functional.cross_entropy(s @ w + b, labels).backward()
        optimizer.step()
    with torch.no_grad():
        return torch.softmax(q @ w + b, dim=1)


def main(folder):
    meta, blocks, images, labels = read_bench_files(folder)
    torch.set_num_threads(meta["threads"])
    net = conv4(blocks, meta["imageShape"][2])

    def solve_episode(support, support_labels, query):
        return solve(net, torch.from_numpy(support), torch.from_numpy(support_labels).long(), torch.from_numpy(query), meta["ways"], meta.get("finetune")).numpy()

    speed = run_episodes(folder, meta, images, labels, solve_episode)
    print(json.dumps({"episodes_per_second": speed, "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main(sys.argv[1])
