#include "model_fields.hpp"

#include <stdexcept>

namespace hqnn {

namespace {

using M = ModelOptions;

OptionValue word(std::string t) { return OptionValue{0, std::move(t), {}}; }

// A Real field is written with the digits of its own precision (float in the
// float core, double in the double core), so that it reads back as itself.
ValueFormat real_field(double lo, double hi) { return sizeof(Real) == 4 ? real32(lo, hi) : real(lo, hi); }

bool convolutional(const M& o) { return is_convolutional(o.kind); }

// The rows whose value is not one field: two fields as a list, an inverted flag, a word for a bool.
Binding<M> conv_channels() {
  return {[](const M& o) { return OptionValue{0, {}, {o.conv1_channels, o.conv2_channels}}; },
          [](M& o, const OptionValue& v) { o.conv1_channels = v.list[0], o.conv2_channels = v.list[1]; }};
}
Binding<M> image_shape() {
  return {[](const M& o) { return OptionValue{0, {}, {o.image_channels, o.image_height, o.image_width}}; },
          [](M& o, const OptionValue& v) { o.image_channels = v.list[0], o.image_height = v.list[1], o.image_width = v.list[2]; }};
}
Binding<M> fixed_lambda() {
  return {[](const M& o) { return OptionValue{o.train_lambda ? 0.0 : 1.0, {}, {}}; },
          [](M& o, const OptionValue& v) { o.train_lambda = v.number == 0; }};
}
Binding<M> angle_init() {
  return {[](const M& o) { return word(o.angle_init_normal ? "normal" : "uniform"); },
          [](M& o, const OptionValue& v) {
            if (v.text != "uniform" && v.text != "normal") throw NotAChoice{};
            o.angle_init_normal = v.text == "normal";
          }};
}

Field<M> when(Field<M> f, std::function<bool(const M&)> applies) {
  f.applies = std::move(applies);
  return f;
}

std::vector<Field<M>> build_rows() {
  std::vector<Field<M>> t;
  t.push_back(field<M>("model", "", "model", enum_choice<ModelKind>(), bind_enum<M, ModelKind>(&M::kind),
                       "one of " + model_kind_list() + " (the convolutional ones need image data)"));
  t.push_back(field<M>("layers", "", "layers", integer(1, 64), bind_field<M>(&M::layers),
                       "quantum-inspired layers, or hidden layers of a classical model"));
  t.push_back(field<M>("width", "", "width", integer(0, 16384), bind_field<M>(&M::width),
                       "state width n / hidden width (0: the number of features; 64 for CNN models, D9)"));
  t.push_back(when(field<M>("conv-channels", "", "conv_channels", int_list(1, 256, "", 2), conv_channels(),
                            "channels of the two convolutions of the CNN front end (D9)"),
                   convolutional));
  t.push_back(field<M>("renormalize", "", "renormalize", flag(), bind_field<M>(&M::renormalize),
                       "renormalise the state after each quantum-inspired layer (D2)"));
  t.push_back(field<M>("fixed-lambda", "", "fixed_lambda", flag(), fixed_lambda(), "do not train the residual / dense lambdas (D3)"));
  t.push_back(field<M>("lambda-init", "", "lambda_init", real_field(-100, 100), bind_field<M>(&M::lambda_init), "initial lambda (D3)"));
  t.push_back(field<M>("dense-lambda-inverse", "", "dense_lambda_inverse", flag(), bind_field<M>(&M::dense_lambda_inverse),
                       "dense lambda_{l,j} start at lambda-init / l (D3)"));
  t.push_back(field<M>("angle-init", "", "angle_init", choice({"uniform", "normal"}), angle_init(),
                       "angles ~ U(-s, s) (uniform) or N(0, s^2) (normal) (D4)"));
  t.push_back(field<M>("angle-scale", "", "angle_scale", real_field(0, 100), bind_field<M>(&M::angle_init_scale),
                       "s of the angle initialisation (D4)"));
  t.push_back(when(field<M>("leaky-slope", "", "leaky_slope", real_field(0, 1), bind_field<M>(&M::leaky_slope),
                            "leaky-relu slope (MLP leaky and every CNN front end)"),
                   [](const M& o) { return enum_row(o.kind).reads_leaky_slope(); }));
  t.push_back(when(field<M>("image", "", "image", int_list(0, 1 << 20, "", 3), image_shape(),
                            "the input image's channels, height and width"),
                   convolutional));
  t.push_back(field<M>("seed", "", "seed", seed_number(), bind_field<M>(&M::seed), "seed of the parameter initialisation"));
  return t;
}

}  // namespace

const std::vector<Field<ModelOptions>>& model_fields() {
  static const std::vector<Field<ModelOptions>> rows = build_rows();
  return rows;
}

const Field<ModelOptions>& model_field(const std::string& name) {
  for (const auto& f : model_fields())
    if (f.name == name) return f;
  throw std::logic_error("no model field '" + name + "'");
}

}  // namespace hqnn
