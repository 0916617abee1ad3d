"""The run definition from Python: the same option table, links, runs and model files as the CLI."""
import json
import subprocess

import numpy as np
import pytest

import hqnn

LINK = "http://127.0.0.1:8080/#data=iris&model=qrfnn&seed=3&noise=gaussian-sym&noise_m=0.2&attack=inside&attack_mode=transient&attack_m=0.05"


def cli_json(hqnn_cli, *args):
    quiet = ["--quiet"] if args[0] == "train" else []
    out = subprocess.run([hqnn_cli, *args, *quiet, "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def test_train_gives_the_cli_curves_bit_for_bit(hqnn_cli):
    spec = hqnn.RunSpec.from_link(LINK).with_options(epochs=15)
    cli = cli_json(hqnn_cli, "train", "--link", LINK, "--epochs", "15")
    epochs = []
    result = hqnn.train(spec, on_epoch=epochs.append)
    assert hqnn.RunSpec.from_json(cli) == spec  # the spec crosses as the run JSON's "spec"
    assert result.json["spec"] == cli["spec"]
    assert result.curves == cli["curves"]  # every number, as the same JSON writer prints it
    for key in ("train_accuracy", "test_accuracy", "test_loss", "metrics", "link", "noisy_values", "attacked_layers"):
        assert result[key] == cli[key], key
    assert [e["epoch"] for e in epochs] == list(range(1, 16))
    assert [e["test_accuracy"] for e in epochs] == cli["curves"]["test_accuracy"]


def test_options_by_name_are_the_cli_flags(hqnn_cli):
    spec = hqnn.RunSpec("iris", model="qdfnn", epochs=5, noise="mixed-asym", noise_magnitude=0.1, attack_form=2,
                        attack_mode="persistent", renormalize=True)
    cli = cli_json(hqnn_cli, "train", *spec.command_line())
    assert cli["spec"] == spec.to_json()
    assert hqnn.train(spec).curves == cli["curves"]
    assert spec.to_json()["renormalize"] is True
    assert hqnn.RunSpec.from_link(spec.to_link()) == spec


def test_load_model_forward_and_evaluate_match_the_cli(hqnn_cli, tmp_path):
    path = str(tmp_path / "m.json")
    cli_json(hqnn_cli, "train", "--data", "iris", "--model", "qdfnn", "--epochs", "30", "--scale", "standard", "--out", path)
    model = hqnn.load_model(path)
    ev = cli_json(hqnn_cli, "eval", "--model", path)
    both = model.evaluate()
    assert both["train"]["accuracy"] == ev["train_accuracy"] and both["test"]["accuracy"] == ev["test_accuracy"]
    assert both["test"]["loss"] == pytest.approx(ev["test_loss"], rel=1e-12)
    # raw iris through the model's own scaling
    whole = cli_json(hqnn_cli, "eval", "--model", path, "--data", "iris")
    data = hqnn.prepare_data(hqnn.RunSpec("iris", scale="none", test_fraction=0.5))
    x = np.concatenate([data["train_x"], data["test_x"]])
    y = np.concatenate([data["train_y"], data["test_y"]])
    assert model.evaluate(x, y)["accuracy"] == whole["accuracy"]
    logits = model.forward(x)
    assert logits.shape == (150, 3) and logits.dtype == np.float32
    assert np.array_equal(np.argmax(logits, 1), model.evaluate(x, y)["predictions"])
    assert model.spec == model.spec.with_options()  # training.spec reads back
    qasm = model.to_qasm(0)
    assert "OPENQASM 2.0;" in qasm and "ry(" in qasm
    circuit = subprocess.run([hqnn_cli, "circuit", "--model", path, "--layer", "0", "--format", "qasm"], check=True,
                             capture_output=True, text=True).stdout
    assert qasm == circuit  # the same program, header included


def test_trained_model_saves_and_loads_bit_for_bit(tmp_path):
    result = hqnn.train(hqnn.RunSpec("iris", model="tqfnn", epochs=3))
    path = str(tmp_path / "t.json")
    result.model.save(path)
    x = hqnn.prepare_data(result.model.spec)["test_x"]
    assert np.array_equal(hqnn.load_model(path).forward(x), result.model.forward(x))


def test_options_list_the_clis_choices():
    rows = {r["name"]: r for r in hqnn.options()}
    assert "gaussian-sym" in rows["noise"]["choices"] and "qdcnn" in rows["model"]["choices"]
    assert rows["attack-mode"]["choices"] == ["persistent", "transient", "fixed"]


@pytest.mark.parametrize("make, message", [
    (lambda: hqnn.RunSpec("iris", epoch=3), "unknown option --epoch; did you mean --epochs?"),
    (lambda: hqnn.RunSpec("iris", lr="fast"), "--lr"),
    (lambda: hqnn.RunSpec("iris", layers=0), "layers"),
    (lambda: hqnn.RunSpec.from_link("#data=iris&lr=x"), "link: lr"),
    (lambda: hqnn.RunSpec.from_link("#data=iris&bogus=1"), "unknown setting 'bogus'"),
    (lambda: hqnn.RunSpec.from_json({"data": "iris", "epochs": -1}), "epochs"),
    (lambda: hqnn.load_model("/nonexistent/model.json"), "/nonexistent/model.json"),
])
def test_bad_runs_raise_input_error(make, message):
    with pytest.raises(hqnn.InputError, match=message.replace("(", r"\(").replace("?", r"\?")):
        make()


def test_bad_arrays_for_a_model():
    model = hqnn.train(hqnn.RunSpec("iris", model="tqfnn", epochs=1)).model
    with pytest.raises(TypeError, match="float32"):
        model.forward(np.zeros((2, 4)))
    with pytest.raises(ValueError, match=r"shape \(samples, 4\)"):
        model.forward(np.zeros((2, 5), dtype=np.float32))
    with pytest.raises(ValueError, match=r"not a class index in \[0, 3\)"):
        model.evaluate(np.zeros((2, 4), dtype=np.float32), np.array([0, 7]))
    with pytest.raises(hqnn.InputError, match="layer must be in"):
        model.to_qasm(5)
