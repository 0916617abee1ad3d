// Parameter attacks during training (Sec. 5.2, decision D11).
//
//   form ① "inside"   σ(θ + ε): hybrids use cos(θ+ε), sin(θ+ε) (still a rotation);
//                      classical layers compute with W + ε.
//   form ② "outside"  σ(θ) + ε: hybrids use cos θ + ε, sin θ + ε in every gate
//                      (no longer orthogonal); classical layers add ε to the
//                      activation's output, one ε per neuron (the layer's
//                      output inside the skips of a classical control).
//   persistent: after every optimiser step a fresh ε is added into what is
//               stored: the angles or weights (form ①), the accumulated gate or
//               activation offsets (form ②).
//   transient:  ε is redrawn at every forward pass (training and evaluation);
//               stored parameters are never changed.
//   fixed:      one ε is drawn when the attack starts and held for the whole
//               run, in the same place as a transient ε; nothing accumulates.
// Sec. 5.2 says neither when ε is drawn nor whether it accumulates; these are
// three readings of it (D11 chooses persistent as the default): accumulated
// after every step, redrawn at every forward pass, drawn once.
// The attacked layers are the L quantum-inspired layers of a hybrid, the L
// hidden fully connected layers of a classical model, or the L layers inside
// the skips of a classical control; convolutional layers and
// the output layer are never attacked. k of them are chosen at random (seeded),
// or they are listed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "enum_table.hpp"
#include "json.hpp"
#include "noise.hpp"
#include "rng.hpp"

namespace hqnn {

class QuantumStack;
struct AttackTarget;

// What a parameter attack reaches in a model (Model is one): its L attackable
// layers, as a hybrid's quantum stack or as classical layers' weights and
// offsets. The attack sees the model only through this, so that the attack
// does not depend on the model (the model installs and calls the attack).
class AttackSurface {
 public:
  virtual int attackable_layer_count() const = 0;
  virtual QuantumStack* quantum_stack() = 0;  // nullptr: a classical model
  // Classical models: what an attack perturbs in attackable layer l.
  virtual AttackTarget attack_target(int l) = 0;

 protected:
  ~AttackSurface() = default;
};

enum class AttackForm { inside, outside };
struct AttackFormInfo {
  AttackForm kind;
  const char* name;    // on the command line, in links and model files
  const char* label;   // in the grid's condition and file names: "form1-gaussian-asym"
  const char* symbol;  // in reports, as in the paper
};
template <>
struct EnumTable<AttackForm> {
  static constexpr AttackFormInfo rows[] = {{AttackForm::inside, "inside", "form1", "①"},
                                            {AttackForm::outside, "outside", "form2", "②"}};
  static constexpr EnumName<AttackForm> aliases[] = {{AttackForm::inside, "1"}, {AttackForm::outside, "2"}};
};
static_assert(enum_table_is_complete<AttackForm>());

enum class AttackMode { persistent, transient, fixed };
template <>
struct EnumTable<AttackMode> {
  static constexpr EnumName<AttackMode> rows[] = {
      {AttackMode::persistent, "persistent"}, {AttackMode::transient, "transient"}, {AttackMode::fixed, "fixed"}};
};
static_assert(enum_table_is_complete<AttackMode>());

// absolute: ε as drawn (magnitude m). relative: every ε of an attacked layer is
// multiplied by the RMS of that layer's stored parameters (its angles, or its
// weights: W, or S for an orthogonal layer) when the attack starts, so that m
// is a fraction of the layer's own scale whatever the model (U(−π, π) angles
// have RMS 1.81, a Linear(64 → 64) U(±1/8)'s weights 0.072). One factor per
// layer, frozen at the start: a persistent attack does not compound it.
enum class AttackScale { absolute, relative };
template <>
struct EnumTable<AttackScale> {
  static constexpr EnumName<AttackScale> rows[] = {{AttackScale::absolute, "absolute"}, {AttackScale::relative, "relative"}};
};
static_assert(enum_table_is_complete<AttackScale>());

// Old spellings of enum_name / parse_enum, still read in a few places.
inline const char* attack_form_name(AttackForm form) { return enum_name(form); }
inline const char* attack_mode_name(AttackMode mode) { return enum_name(mode); }
inline std::optional<AttackForm> parse_attack_form(const std::string& name) { return parse_enum<AttackForm>(name); }
inline std::vector<AttackMode> attack_modes() { return enum_values<AttackMode>(); }

struct AttackOptions {
  AttackForm form = AttackForm::inside;
  NoiseKind noise = NoiseKind::gaussian_asym;
  double magnitude = 0.01;
  AttackMode mode = AttackMode::persistent;  // D11: accumulated, the reading under which an attack grows with training
  int layers = 1;                 // k attacked layers, chosen at random, when `layer_list` is empty
  std::vector<int> layer_list;    // 0-based attackable-layer indices
  uint64_t seed = 1;
  AttackScale scale = AttackScale::absolute;
};
void validate(const AttackOptions& options);

class ParameterAttack {
 public:
  // Throws InputError if a listed layer does not exist.
  // A fixed attack draws its ε here.
  ParameterAttack(const AttackOptions& options, AttackSurface& model);
  const AttackOptions& options() const { return options_; }
  const std::vector<int>& attacked_layers() const { return attacked_; }
  // Per attacked layer, the factor ε is multiplied by (1 under absolute scale).
  const std::vector<double>& layer_scales() const { return scales_; }
  void before_forward(AttackSurface& model);  // transient: redraw ε
  void after_step(AttackSurface& model);      // persistent: accumulate ε
  void remove(AttackSurface& model);          // clears every offset it installed (stored parameters stay as they are)
  // Checkpoints: the generator and every offset installed now (accumulated
  // under persistent form ②, the last draw under transient attacks, the one
  // draw under fixed attacks).
  Json state_json(AttackSurface& model) const;
  void load_state(const Json& state, AttackSurface& model);  // all or nothing; throws InputError on a mismatch

 private:
  void perturb(AttackSurface& model, bool accumulate);
  AttackOptions options_;
  std::vector<int> attacked_;
  std::vector<double> scales_;
  Rng rng_;
};

}  // namespace hqnn
