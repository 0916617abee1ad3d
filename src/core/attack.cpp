#include "attack.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "input_error.hpp"
#include "linear.hpp"
#include "model.hpp"
#include "state_json.hpp"

namespace hqnn {

const char* attack_form_name(AttackForm form) { return form == AttackForm::inside ? "inside" : "outside"; }
const char* attack_mode_name(AttackMode mode) { return mode == AttackMode::persistent ? "persistent" : "transient"; }

std::optional<AttackForm> parse_attack_form(const std::string& name) {
  if (name == "inside" || name == "1") return AttackForm::inside;
  if (name == "outside" || name == "2") return AttackForm::outside;
  return std::nullopt;
}

std::optional<AttackMode> parse_attack_mode(const std::string& name) {
  if (name == "persistent") return AttackMode::persistent;
  if (name == "transient") return AttackMode::transient;
  return std::nullopt;
}

void validate(const AttackOptions& o) {
  if (!(o.magnitude >= 0) || !std::isfinite(o.magnitude))
    throw InputError("attack magnitude must be a finite number >= 0, got " + std::to_string(o.magnitude));
  if (o.layer_list.empty() && o.layers < 1)
    throw InputError("number of attacked layers must be at least 1, got " + std::to_string(o.layers));
}

ParameterAttack::ParameterAttack(const AttackOptions& options, Model& model)
    : options_(options), rng_(options.seed, kStreamAttack) {
  validate(options);
  const int available = model.attackable_layer_count();
  if (!options.layer_list.empty()) {
    for (int l : options.layer_list)
      if (l < 0 || l >= available)
        throw InputError("attacked layer " + std::to_string(l) + " does not exist (the model has " +
                         std::to_string(available) + " attackable layers, 0.." + std::to_string(available - 1) + ")");
    attacked_ = options.layer_list;
    std::sort(attacked_.begin(), attacked_.end());
    attacked_.erase(std::unique(attacked_.begin(), attacked_.end()), attacked_.end());
  } else {
    std::vector<int> all(static_cast<size_t>(available));
    std::iota(all.begin(), all.end(), 0);
    rng_.shuffle(all);
    all.resize(static_cast<size_t>(std::min(options.layers, available)));
    std::sort(all.begin(), all.end());
    attacked_ = all;
  }
}

void ParameterAttack::before_forward(Model& model) {
  if (options_.mode == AttackMode::transient) perturb(model, false);
}

void ParameterAttack::after_step(Model& model) {
  if (options_.mode == AttackMode::persistent) perturb(model, true);
}

// Fills (or, accumulating, adds to) `v` with fresh ε.
static void draw_into(std::vector<Real>& v, size_t size, bool accumulate, const AttackOptions& o, Rng& rng) {
  if (v.size() != size) v.assign(size, Real(0));
  for (auto& x : v) x = (accumulate ? x : Real(0)) + static_cast<Real>(draw_noise(o.noise, o.magnitude, rng));
}

void ParameterAttack::perturb(Model& model, bool accumulate) {
  const AttackOptions& o = options_;
  QuantumStack* stack = model.quantum_stack();
  for (int l : attacked_) {
    if (stack) {
      const size_t k = static_cast<size_t>(stack->gates_per_layer());
      GatePerturbation& p = stack->perturbation(l);
      if (o.form == AttackForm::inside && accumulate) {
        // angles are periodic: keep the stored value in [-π, π] so that it never overflows
        for (size_t r = 0; r < k; ++r) {
          Real& theta = stack->layer_angles(l)[r];
          theta = static_cast<Real>(std::remainder(double(theta) + draw_noise(o.noise, o.magnitude, rng_), 2 * kPi));
        }
      } else if (o.form == AttackForm::inside) {
        draw_into(p.angle, k, false, o, rng_);
      } else {
        draw_into(p.c, k, accumulate, o, rng_);
        draw_into(p.s, k, accumulate, o, rng_);
      }
    } else {
      Linear& fc = model.hidden_linear(l);
      if (o.form == AttackForm::inside && accumulate) {
        for (Index i = 0; i < fc.weight.size(); ++i) fc.weight.data()[i] += static_cast<Real>(draw_noise(o.noise, o.magnitude, rng_));
      } else if (o.form == AttackForm::inside) {
        fc.weight_offset.resize(fc.weight.rows(), fc.weight.cols());
        for (Index i = 0; i < fc.weight_offset.size(); ++i)
          fc.weight_offset.data()[i] = static_cast<Real>(draw_noise(o.noise, o.magnitude, rng_));
      } else {
        RowVector& offset = model.hidden_output_offset(l);
        if (offset.size() != fc.output_width() || !accumulate) offset = RowVector::Zero(fc.output_width());
        for (Index i = 0; i < offset.size(); ++i) offset(i) += static_cast<Real>(draw_noise(o.noise, o.magnitude, rng_));
      }
    }
  }
}

void ParameterAttack::remove(Model& model) {
  QuantumStack* stack = model.quantum_stack();
  for (int l : attacked_) {
    if (stack) {
      stack->perturbation(l) = GatePerturbation{};
    } else {
      model.hidden_linear(l).weight_offset.resize(0, 0);
      model.hidden_output_offset(l).resize(0);
    }
  }
}

// [SECTION] Checkpoints

Json ParameterAttack::state_json(Model& model) const {
  Json layers = Json::array(), offsets = Json::array();
  QuantumStack* stack = model.quantum_stack();
  for (int l : attacked_) {
    layers.push(l);
    Json o = Json::object();
    if (stack) {
      const GatePerturbation& p = stack->perturbation(l);
      o.set("angle", exact_numbers(p.angle));
      o.set("c", exact_numbers(p.c));
      o.set("s", exact_numbers(p.s));
    } else {
      const Matrix& w = model.hidden_linear(l).weight_offset;
      const RowVector& out = model.hidden_output_offset(l);
      o.set("weight", exact_numbers(w.data(), static_cast<size_t>(w.size())));
      o.set("output", exact_numbers(out.data(), static_cast<size_t>(out.size())));
    }
    offsets.push(o);
  }
  Json j = Json::object();
  j.set("layers", layers);
  j.set("rng", rng_state_json(rng_.state()));
  j.set("offsets", offsets);
  return j;
}

void ParameterAttack::load_state(const Json& j, Model& model) {
  const std::string ctx = "attack state";
  std::vector<int> layers;
  for (const Json& v : j.at("layers", ctx).items(ctx + ".layers"))
    layers.push_back(static_cast<int>(whole_number_of(v, 0, model.attackable_layer_count() - 1, ctx + ".layers")));
  if (layers != attacked_)
    throw InputError(ctx + ": saved for other attacked layers than this attack chooses (same options and seed?)");
  const Rng::State rs = rng_state_of(j.at("rng", ctx), ctx + ".rng");
  const auto& offsets = j.at("offsets", ctx).items(ctx + ".offsets");
  if (offsets.size() != attacked_.size()) throw InputError(ctx + ".offsets: one entry per attacked layer expected");
  // An offset is empty (not installed yet) or exactly the size it perturbs.
  const auto sized = [&](const Json& o, const char* key, size_t size) {
    std::vector<double> v = exact_numbers_of(o.at(key, ctx), ctx + ".offsets." + key);
    if (!v.empty() && v.size() != size)
      throw InputError(ctx + ".offsets." + key + ": expected " + std::to_string(size) + " values, got " +
                       std::to_string(v.size()));
    return v;
  };
  QuantumStack* stack = model.quantum_stack();
  struct Restored {
    std::vector<double> a, b, c;
  };
  std::vector<Restored> restored;
  for (size_t i = 0; i < attacked_.size(); ++i) {
    const Json& o = offsets[i];
    if (stack) {
      const size_t k = static_cast<size_t>(stack->gates_per_layer());
      restored.push_back({sized(o, "angle", k), sized(o, "c", k), sized(o, "s", k)});
    } else {
      const Linear& fc = model.hidden_linear(attacked_[i]);
      restored.push_back({sized(o, "weight", static_cast<size_t>(fc.weight.size())),
                          sized(o, "output", static_cast<size_t>(fc.output_width())), {}});
    }
  }
  const auto to_real = [](const std::vector<double>& v) { return std::vector<Real>(v.begin(), v.end()); };
  for (size_t i = 0; i < attacked_.size(); ++i) {
    const int l = attacked_[i];
    if (stack) {
      GatePerturbation& p = stack->perturbation(l);
      p.angle = to_real(restored[i].a);
      p.c = to_real(restored[i].b);
      p.s = to_real(restored[i].c);
    } else {
      Linear& fc = model.hidden_linear(l);
      if (restored[i].a.empty()) {
        fc.weight_offset.resize(0, 0);
      } else {
        fc.weight_offset.resize(fc.weight.rows(), fc.weight.cols());
        for (Index k = 0; k < fc.weight_offset.size(); ++k) fc.weight_offset.data()[k] = static_cast<Real>(restored[i].a[size_t(k)]);
      }
      RowVector& out = model.hidden_output_offset(l);
      out.resize(static_cast<Index>(restored[i].b.size()));
      for (Index k = 0; k < out.size(); ++k) out(k) = static_cast<Real>(restored[i].b[size_t(k)]);
    }
  }
  rng_.set_state(rs);
}

}  // namespace hqnn
