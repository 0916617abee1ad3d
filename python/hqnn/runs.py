"""A training run from Python: the one option table of `hqnn train`, its links and its JSON.

A RunSpec is the JSON object that `hqnn train --json` writes under "spec" (and a
model file under training.spec); options are named as on the command line
(`noise_magnitude=0.2` is `--noise-magnitude 0.2`).
"""
import json

from . import _core32 as _core

# The data sets `--data` accepts besides a CSV path (src/data/image_datasets.hpp; cifar10:DIR, cifar100:DIR).
DATASETS = ("iris", "fashion-mnist", "fashion-mnist-subset", "mnist", "mnist-subset", "cifar10:DIR", "cifar100:DIR")


def options():
    """Every option of `hqnn train`: name, json_key, link_key, choices (noises, attack forms, models...), help, group."""
    return _core.option_rows()


def _text(value):
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (list, tuple)):
        return ",".join(str(int(v)) for v in value)
    return str(value)


class RunSpec:
    """One training run's definition (src/run/run_spec.hpp), held as its JSON."""

    def __init__(self, data="iris", **options):
        self._json = _core.spec_defaults(str(data))
        if options:
            self._json = _core.spec_with_options(self._json, [(k.replace("_", "-"), _text(v)) for k, v in options.items()])

    @classmethod
    def _of(cls, spec_json):
        spec = cls.__new__(cls)
        spec._json = spec_json
        return spec

    @classmethod
    def from_link(cls, link):
        """The run of a playground link (a URL with '#...', or the hash alone), as `hqnn train --link`."""
        return cls._of(_core.spec_from_link(link))

    @classmethod
    def from_json(cls, value):
        """From a spec (dict or JSON text), or a whole run JSON / model file (its "spec" or training.spec)."""
        obj = json.loads(value) if isinstance(value, str) else value
        if isinstance(obj, dict) and "spec" in obj:
            obj = obj["spec"]
        elif isinstance(obj, dict) and isinstance(obj.get("training"), dict) and "spec" in obj["training"]:
            obj = obj["training"]["spec"]
        return cls._of(_core.spec_from_json(json.dumps(obj)))

    def with_options(self, **options):
        """A copy with some options changed (command-line names, '-' written '_')."""
        return RunSpec._of(_core.spec_with_options(self._json, [(k.replace("_", "-"), _text(v)) for k, v in options.items()]))

    def to_json(self):
        return json.loads(self._json)

    def to_link(self):
        """The playground link's hash for this run ('#data=...')."""
        return _core.spec_to_link(self._json)

    def command_line(self):
        """The shortest `hqnn train` options for this run."""
        return list(_core.spec_to_command_line(self._json))

    def __getitem__(self, json_key):
        return self.to_json()[json_key]

    def __eq__(self, other):
        return isinstance(other, RunSpec) and _core.same_run(self._json, other._json)

    def __repr__(self):
        return "RunSpec(" + " ".join(self.command_line()) + ")"


def _spec(spec):
    if isinstance(spec, RunSpec):
        return spec
    if isinstance(spec, (dict, str)):
        return RunSpec.from_json(spec)
    raise TypeError(f"expected a hqnn.RunSpec (or its JSON), got {type(spec).__name__}")


class Model:
    """A trained model (float32): forward, evaluate, circuits, save. Wraps the C++ model of the model files."""

    def __init__(self, core_model):
        self._m = core_model

    def forward(self, X):
        """Logits (samples, classes) of raw features X (samples, features), float32; the model's scaling is applied."""
        return self._m.forward(X)

    def evaluate(self, X=None, y=None):
        """accuracy, loss, probabilities, predictions on (X, y); without them, on the train and test sets
        the model was trained on, prepared as `hqnn eval --model FILE` prepares them."""
        return self._m.evaluate(X, y)

    def to_qasm(self, layer):
        """OpenQASM 2.0 of quantum-inspired layer `layer` from its trained angles (as `hqnn circuit --format qasm`)."""
        return self._m.to_qasm(layer)

    def save(self, path):
        self._m.save(str(path))

    def to_json(self):
        return json.loads(self._m.to_json())

    @property
    def spec(self):
        return RunSpec.from_json(json.loads(self._m.training)["spec"])

    classes = property(lambda self: list(self._m.classes))
    features = property(lambda self: list(self._m.features))
    kind = property(lambda self: self._m.kind)
    width = property(lambda self: self._m.width)
    layers = property(lambda self: self._m.layers)
    input_width = property(lambda self: self._m.input_width)


class TrainResult:
    """The run JSON of `hqnn train --json` (as .json) and the trained model."""

    def __init__(self, run_json, model):
        self.json = run_json
        self.model = model

    @property
    def curves(self):
        return self.json["curves"]

    @property
    def test_accuracy(self):
        return self.json["test_accuracy"]

    def __getitem__(self, key):
        return self.json[key]


def train(spec, on_epoch=None):
    """Runs `spec` exactly as `hqnn train` does (same curves bit for bit). on_epoch(record) after each epoch:
    record has epoch, train_loss, train_accuracy, test_loss, test_accuracy, finite."""
    run_json, model = _core.train(_spec(spec)._json, on_epoch)
    return TrainResult(json.loads(run_json), Model(model))


def load_model(path):
    """A model file written by `hqnn train --out` or Model.save."""
    return Model(_core.load_model(str(path)))


def prepare_data(spec):
    """The train and test sets of a run as the model sees them (split, noise, scaling), numpy float32 / int32:
    train_x, train_y, test_x, test_y, classes, features, scaling, image_shape."""
    return _core.prepare_data(_spec(spec)._json)


__all__ = ["RunSpec", "Model", "TrainResult", "train", "load_model", "prepare_data", "options", "DATASETS"]
