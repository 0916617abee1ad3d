#!/usr/bin/python3
"""A PyTorch model with hqnn's QuantumStack inside, trained on FashionMNIST classes 0-3.

The network is the QDCNN of `hqnn train --model qdcnn` (D9) written in PyTorch: Conv(1->8, 3x3) -> leaky-relu ->
max-pool 2 -> Conv(8->16, 3x3) -> leaky-relu -> max-pool 2 -> Linear(-> 64) -> amplitude encoding -> two dense
quantum-inspired layers (Eq. 8) -> Linear(64 -> 4); Adam, lr 0.001, batch 64 (D6). The data come from hqnn
(the same sets, classes and split as the CLI's).

    /usr/bin/python3 python/examples/fashion_mnist_qdcnn.py --data fashion-mnist --epochs 5
    hqnn train --data fashion-mnist --model qdcnn --epochs 5            # the CLI's run, to compare
"""
import argparse

import torch

import hqnn
import hqnn.torch as ht


def qdcnn(classes, n=64):
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 8, 3, padding=1), torch.nn.LeakyReLU(0.01), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(8, 16, 3, padding=1), torch.nn.LeakyReLU(0.01), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(16 * 7 * 7, n),
        ht.AmplitudeEncode(), ht.QuantumStack(n, layers=2, topology="dense"),
        torch.nn.Linear(n, classes))


def run(data="fashion-mnist-subset", epochs=10, seed=1, on_epoch=print):
    torch.manual_seed(seed)
    d = hqnn.prepare_data(hqnn.RunSpec(data, classes="0,1,2,3", seed=seed))
    shape = (-1,) + tuple(d["image_shape"])
    x_train, y_train = torch.from_numpy(d["train_x"]).reshape(shape), torch.from_numpy(d["train_y"]).long()
    x_test, y_test = torch.from_numpy(d["test_x"]).reshape(shape), torch.from_numpy(d["test_y"]).long()
    model = qdcnn(len(d["classes"]))
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    accuracy = 0.0
    for epoch in range(1, epochs + 1):
        model.train()
        for idx in torch.randperm(len(x_train)).split(64):
            loss = torch.nn.functional.cross_entropy(model(x_train[idx]), y_train[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            accuracy = (model(x_test).argmax(1) == y_test).double().mean().item()
        if on_epoch:
            on_epoch(f"epoch {epoch}/{epochs}  loss {loss.item():.4f}  test accuracy {accuracy:.4f}")
    return accuracy


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="fashion-mnist-subset", help="fashion-mnist (24,000 + 4,000 images) or the subset")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    a = ap.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    print(f"final test accuracy {run(a.data, a.epochs, a.seed):.4f}")
