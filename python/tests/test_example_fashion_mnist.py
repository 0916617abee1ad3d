"""The example (a PyTorch QDCNN with hqnn's QuantumStack) reaches the accuracy `hqnn train` reaches on the same data.

The committed FashionMNIST 0-3 subset (1,000 train / 400 test images), 10 epochs (the image default), seed 1:
the test passes when the PyTorch model is within 3 points of the CLI's QDCNN (its initialisation and
shuffling are PyTorch's, so the two are the same model, not the same run).
"""
import json
import os
import subprocess
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import fashion_mnist_qdcnn  # noqa: E402


def test_example_reaches_the_cli_accuracy(hqnn_cli):
    torch.set_num_threads(1)
    cli = json.loads(subprocess.run([hqnn_cli, "train", "--data", "fashion-mnist-subset", "--model", "qdcnn", "--epochs", "10",
                                     "--threads", "1", "--quiet", "--json"], check=True, capture_output=True, text=True).stdout)
    accuracy = fashion_mnist_qdcnn.run("fashion-mnist-subset", epochs=10, seed=1, on_epoch=None)
    print(f"PyTorch QDCNN {accuracy:.4f}, hqnn train {cli['test_accuracy']:.4f}")
    assert accuracy >= cli["test_accuracy"] - 0.03
    assert accuracy > 0.8
