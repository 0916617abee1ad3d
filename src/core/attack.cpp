#include "attack.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

#include "classical_skip_stack.hpp"
#include "input_error.hpp"
#include "linear.hpp"
#include "quantum_stack.hpp"
#include "state_json.hpp"

namespace hqnn {

void validate(const AttackOptions& o) {
  if (!(o.magnitude >= 0) || !std::isfinite(o.magnitude))
    throw InputError("attack magnitude must be a finite number >= 0, got " + std::to_string(o.magnitude));
  if (o.layer_list.empty() && o.layers < 1)
    throw InputError("number of attacked layers must be at least 1, got " + std::to_string(o.layers));
}

ParameterAttack::ParameterAttack(const AttackOptions& options, AttackSurface& model)
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
  for (int l : attacked_) {
    double scale = 1;
    if (options.scale == AttackScale::relative) {
      const Real* v = nullptr;
      Index size = 0;
      if (QuantumStack* stack = model.quantum_stack()) {
        v = stack->layer_angles(l), size = stack->gates_per_layer();
      } else {
        const Matrix& w = *model.attack_target(l).weight;
        v = w.data(), size = w.size();
      }
      double sq = 0;
      for (Index i = 0; i < size; ++i) sq += double(v[i]) * double(v[i]);
      scale = size > 0 ? std::sqrt(sq / double(size)) : 0.0;
    }
    scales_.push_back(scale);
  }
  if (options.mode == AttackMode::fixed) perturb(model, false);
}

void ParameterAttack::before_forward(AttackSurface& model) {
  if (options_.mode == AttackMode::transient) perturb(model, false);
}

void ParameterAttack::after_step(AttackSurface& model) {
  if (options_.mode == AttackMode::persistent) perturb(model, true);
}

// Fills (or, accumulating, adds to) `v` with fresh ε of magnitude m.
static void draw_into(std::vector<Real>& v, size_t size, bool accumulate, NoiseKind noise, double m, Rng& rng) {
  if (v.size() != size) v.assign(size, Real(0));
  for (auto& x : v) x = (accumulate ? x : Real(0)) + static_cast<Real>(draw_noise(noise, m, rng));
}

// ε scaled by s is noise of magnitude s·m for every noise kind (N(0, m²),
// N(m, m²), U(−m, m), U(0, 2m) and their mixtures): the magnitude carries the scale.
void ParameterAttack::perturb(AttackSurface& model, bool accumulate) {
  AttackOptions o = options_;
  QuantumStack* stack = model.quantum_stack();
  for (size_t i_layer = 0; i_layer < attacked_.size(); ++i_layer) {
    const int l = attacked_[i_layer];
    o.magnitude = options_.magnitude * scales_[i_layer];
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
        draw_into(p.angle, k, false, o.noise, o.magnitude, rng_);
      } else {
        draw_into(p.c, k, accumulate, o.noise, o.magnitude, rng_);
        draw_into(p.s, k, accumulate, o.noise, o.magnitude, rng_);
      }
    } else {
      const AttackTarget fc = model.attack_target(l);
      Matrix& weight = *fc.weight;
      if (o.form == AttackForm::inside && accumulate) {
        for (Index i = 0; i < weight.size(); ++i) weight.data()[i] += static_cast<Real>(draw_noise(o.noise, o.magnitude, rng_));
      } else if (o.form == AttackForm::inside) {
        fc.weight_offset->resize(weight.rows(), weight.cols());
        for (Index i = 0; i < fc.weight_offset->size(); ++i)
          fc.weight_offset->data()[i] = static_cast<Real>(draw_noise(o.noise, o.magnitude, rng_));
      } else {
        RowVector& offset = *fc.output_offset;
        if (offset.size() != fc.outputs || !accumulate) offset = RowVector::Zero(fc.outputs);
        for (Index i = 0; i < offset.size(); ++i) offset(i) += static_cast<Real>(draw_noise(o.noise, o.magnitude, rng_));
      }
    }
  }
}

void ParameterAttack::remove(AttackSurface& model) {
  QuantumStack* stack = model.quantum_stack();
  for (int l : attacked_) {
    if (stack) {
      stack->perturbation(l) = GatePerturbation{};
    } else {
      const AttackTarget t = model.attack_target(l);
      t.weight_offset->resize(0, 0);
      t.output_offset->resize(0);
    }
  }
}

// [SECTION] Checkpoints

Json ParameterAttack::state_json(AttackSurface& model) const {
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
      const AttackTarget t = model.attack_target(l);
      const Matrix& w = *t.weight_offset;
      const RowVector& out = *t.output_offset;
      o.set("weight", exact_numbers(w.data(), static_cast<size_t>(w.size())));
      o.set("output", exact_numbers(out.data(), static_cast<size_t>(out.size())));
    }
    offsets.push(o);
  }
  Json j = Json::object();
  j.set("layers", layers);
  j.set("rng", rng_state_json(rng_.state()));
  j.set("offsets", offsets);
  if (options_.scale == AttackScale::relative) j.set("scales", exact_numbers(scales_));
  return j;
}

void ParameterAttack::load_state(const Json& j, AttackSurface& model) {
  const std::string ctx = "attack state";
  std::vector<int> layers;
  for (const Json& v : j.at("layers", ctx).items(ctx + ".layers"))
    layers.push_back(static_cast<int>(whole_number_of(v, 0, model.attackable_layer_count() - 1, ctx + ".layers")));
  if (layers != attacked_)
    throw InputError(ctx + ": saved for other attacked layers than this attack chooses (same options and seed?)");
  const Rng::State rs = rng_state_of(j.at("rng", ctx), ctx + ".rng");
  // A relative attack's factors come from the parameters when it started, not from the ones restored now.
  std::vector<double> scales = scales_;
  if (options_.scale == AttackScale::relative) {
    scales = exact_numbers_of(j.at("scales", ctx), ctx + ".scales");
    if (scales.size() != attacked_.size()) throw InputError(ctx + ".scales: one factor per attacked layer expected");
  }
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
  // Every layer is read and checked before any is changed.
  struct GateOffsets {  // a quantum-inspired layer: per gate, angle (①) and cos / sin (②) offsets
    std::vector<double> angle, c, s;
  };
  struct LinearOffsets {  // a hidden fully connected layer: weight (①) and activation-output (②) offsets
    std::vector<double> weight, output;
  };
  std::vector<GateOffsets> gate_offsets;
  std::vector<LinearOffsets> linear_offsets;
  for (size_t i = 0; i < attacked_.size(); ++i) {
    const Json& o = offsets[i];
    if (stack) {
      const size_t k = static_cast<size_t>(stack->gates_per_layer());
      gate_offsets.push_back({sized(o, "angle", k), sized(o, "c", k), sized(o, "s", k)});
    } else {
      const AttackTarget fc = model.attack_target(attacked_[i]);
      linear_offsets.push_back({sized(o, "weight", static_cast<size_t>(fc.weight->size())),
                                sized(o, "output", static_cast<size_t>(fc.outputs))});
    }
  }
  const auto to_real = [](const std::vector<double>& v) { return std::vector<Real>(v.begin(), v.end()); };
  for (size_t i = 0; i < attacked_.size(); ++i) {
    const int l = attacked_[i];
    if (stack) {
      GatePerturbation& p = stack->perturbation(l);
      p.angle = to_real(gate_offsets[i].angle);
      p.c = to_real(gate_offsets[i].c);
      p.s = to_real(gate_offsets[i].s);
    } else {
      const AttackTarget fc = model.attack_target(l);
      const LinearOffsets& saved = linear_offsets[i];
      if (saved.weight.empty()) {
        fc.weight_offset->resize(0, 0);
      } else {
        fc.weight_offset->resize(fc.weight->rows(), fc.weight->cols());
        for (Index k = 0; k < fc.weight_offset->size(); ++k) fc.weight_offset->data()[k] = static_cast<Real>(saved.weight[size_t(k)]);
      }
      RowVector& out = *fc.output_offset;
      out.resize(static_cast<Index>(saved.output.size()));
      for (Index k = 0; k < out.size(); ++k) out(k) = static_cast<Real>(saved.output[size_t(k)]);
    }
  }
  rng_.set_state(rs);
  scales_ = scales;
}

}  // namespace hqnn
