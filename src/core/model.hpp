// The model families of the paper and their options.
//
//   tqfnn / qrfnn / qdfnn: [Linear(features → n) if n ≠ features] → amplitude
//       encoding (Eq. 6) → L quantum-inspired layers, plain / residual / dense
//       (Eq. 7, 8) → Linear(n → classes) (Eq. 10).
//   mlp_leaky / mlp_rot: L × [Linear(→ n) → activation] → Linear(n → classes),
//       with leaky-relu or rot-relu (D8).
//   tqcnn / qrcnn / qdcnn: the convolutional front end of D9,
//       Conv(C→c₁, 3×3, pad 1) → act → MaxPool 2 → Conv(c₁→c₂, 3×3, pad 1) → act
//       → MaxPool 2 → Linear(→ n), then encoding, L quantum-inspired layers and
//       Linear(n → classes) as above (the front end's act is leaky-relu).
//   cnn_leaky / cnn_rot: the same front end, then act, L × [Linear(n → n) → act]
//       and Linear(n → classes). Every act is the model's own: cnn_rot uses
//       rot-relu in the front end too, pairing consecutive values of the
//       flattened channel-major feature map.
//   mlp_{res,dense}_{leaky,tanh,orth} / cnn_…: the classical controls, built
//       exactly as QRFNN / QDFNN / QRCNN / QDCNN (front end, encoding, λ skips
//       with the same initialisation, read-out) with a classical layer in place
//       of each V chain (classical_skip_stack.hpp), so that the layer inside the
//       skip is the only difference.
// The loss is softmax cross-entropy, the mean over the batch (D5).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "attack.hpp"
#include "classical_skip_stack.hpp"
#include "json.hpp"
#include "layer.hpp"
#include "model_kind.hpp"
#include "quantum_stack.hpp"

namespace hqnn {

class Linear;
class ThreadPool;

// The training loss (D5): softmax cross-entropy computed stably (the max
// logit subtracted first) or naively (exp of the raw logits, which overflows to
// inf and then NaN once a logit passes ~88 in float). The naive loss exists
// only to test whether it explains the paper's NaN losses; never a default.
enum class SoftmaxLoss { stable, naive };
template <>
struct EnumTable<SoftmaxLoss> {
  static constexpr EnumName<SoftmaxLoss> rows[] = {{SoftmaxLoss::stable, "stable"}, {SoftmaxLoss::naive, "naive"}};
};
static_assert(enum_table_is_complete<SoftmaxLoss>());

// Old spellings of enum_name / parse_enum, still read in a few places.
inline const char* softmax_loss_name(SoftmaxLoss loss) { return enum_name(loss); }

// One struct read by the CLI, the playground and the model files. The stack's
// options are the stacks' own structs: `layers` is L, the quantum-inspired
// layers or the hidden layers of an MLP; λ (D3) and the V chains' options (D2,
// D4) apply to the models that have them.
struct ModelOptions : SkipStackOptions, QuantumLayerOptions {
  ModelKind kind = ModelKind::qdfnn;
  int width = 0;  // n: 0 means "the number of input features"
  Real leaky_slope = Real(0.01);
  int conv1_channels = 8, conv2_channels = 16;  // D9 front end of the convolutional models
  int image_channels = 0, image_height = 0, image_width = 0;  // input image shape (convolutional models)
  uint64_t seed = 1;                  // parameter initialisation
};

// The state width n a model gets: options.width, or when 0 the number of input
// features (fully connected models) or 64 (convolutional models, D9).
Index effective_width(const ModelOptions& options, Index input_width);

// Throws InputError naming the option when a value is out of range.
void validate(const ModelOptions& options);

class Model final : public AttackSurface {
 public:
  Model(const ModelOptions& options, Index input_width, int classes);

  // Logits (batch x classes) for a batch of raw inputs (batch x input_width).
  const Matrix& forward(const Matrix& inputs);
  // Back-propagates dL/dlogits of the last forward batch into every parameter gradient.
  void backward(const Matrix& grad_logits);

  // Chunked passes, spread over a thread pool. A batch is cut into chunks of
  // kChunkRows samples (the last may be shorter), whatever the number of
  // threads; each chunk runs on its own copy of the model (parameters and
  // attack offsets copied from this one), and the chunks' gradients are summed
  // in chunk order. The result is therefore bit-identical for any number of
  // threads. It differs in the last bits from forward() + backward() on the
  // whole batch, whose batch reductions round in a different order.
  // 16 rows: a batch of 64 (D6, images) gives 4 chunks, balanced on 1, 2 or 4
  // threads, and a chunk is still one full AVX-512 vector per state row.
  static constexpr Index kChunkRows = 16;
  // One training step's gradients: the mean softmax cross-entropy of the batch
  // (D5) is returned and its gradient written to every parameter block.
  // Transient attacks draw once, as forward() does. The caches of the layers
  // (QuantumStack::states()) then hold one of the batch's chunks.
  double forward_backward(const Matrix& inputs, const std::vector<int>& labels, ThreadPool& pool,
                          SoftmaxLoss loss = SoftmaxLoss::stable);
  // The largest finite |logit| of the last forward_backward() batch (0 when none is finite).
  double last_max_abs_logit() const { return last_max_abs_logit_; }
  // Logits of a batch, as forward(), computed chunk by chunk on the pool.
  const Matrix& forward(const Matrix& inputs, ThreadPool& pool);
  // Every layer's parameter blocks in order, collected once when the model is
  // built (the blocks' storage never moves), so that a training step reads
  // them without allocating.
  const std::vector<ParamBlock>& params() const { return params_; }
  Index parameter_count();

  const ModelOptions& options() const { return options_; }
  Index input_width() const { return input_width_; }
  int class_count() const { return classes_; }
  int width() const { return width_; }
  const std::vector<std::unique_ptr<Layer>>& layers() const { return layers_; }
  // The quantum-inspired block, or nullptr for a classical model.
  QuantumStack* quantum_stack() override { return quantum_; }
  const QuantumStack* quantum_stack() const { return quantum_; }
  // The skip stack of a classical control, or nullptr.
  ClassicalSkipStack* classical_skip_stack() { return classical_skip_; }
  const ClassicalSkipStack* classical_skip_stack() const { return classical_skip_; }
  // The vectors amplitude encoding (Eq. 6) normalised into ψ₀ in the last
  // forward(inputs): the encoding layer's input (after the conv front end and
  // Linear(→ n), or the inputs themselves). nullptr for a model without encoding.
  const Matrix* encoding_input() const;

  // Parameter attacks (attack.hpp). The attackable layers are the L
  // quantum-inspired layers of a hybrid, the L hidden Linear layers of a
  // classical model, or the L layers inside the skips of a classical control.
  int attackable_layer_count() const override { return options_.layers; }
  // Classical models: what an attack perturbs in attackable layer l (the
  // weights, and the offset added to the layer's activation output).
  AttackTarget attack_target(int l) override;
  RowVector& hidden_output_offset(int l) { return *attack_target(l).output_offset; }
  void set_attack(const AttackOptions& options);  // throws InputError for a bad layer list
  void clear_attack();                            // removes offsets; stored parameters stay
  const ParameterAttack* attack() const { return attack_.get(); }
  // Called by the trainer after every optimiser step.
  void after_optimizer_step();
  // Checkpoints of an attacked run: the attack's generator and offsets.
  Json attack_state_json();                   // null without an attack
  void load_attack_state(const Json& state);  // throws InputError without an attack or on a mismatch
  // While held, forward() keeps the transient attack's current ε instead of
  // drawing a new one: passes that only look at the model (a viewer's
  // refresh) then leave the attack's generator, and so the run, unchanged.
  class KeepAttackDraws {
   public:
    explicit KeepAttackDraws(Model& m) : m_(m), was_(m.keep_attack_draws_) { m_.keep_attack_draws_ = true; }
    ~KeepAttackDraws() { m_.keep_attack_draws_ = was_; }
    KeepAttackDraws(const KeepAttackDraws&) = delete;
    KeepAttackDraws& operator=(const KeepAttackDraws&) = delete;
   private:
    Model& m_;
    bool was_;
  };

 private:
  ModelOptions options_;
  Index input_width_;
  int classes_;
  int width_;
  std::vector<std::unique_ptr<Layer>> layers_;
  QuantumStack* quantum_ = nullptr;
  int encoding_index_ = -1;          // layers_ index of the amplitude encoding; -1: none
  ClassicalSkipStack* classical_skip_ = nullptr;
  std::vector<Matrix> activations_;  // activations_[i] is the input of layers_[i]; the last is the logits
  std::vector<size_t> hidden_linear_index_;  // classical: layers_ index of hidden Linear l
  std::vector<RowVector> output_offsets_;    // per layers_ index; empty: none
  std::shared_ptr<ParameterAttack> attack_;
  bool keep_attack_draws_ = false;
  std::vector<Matrix> input_grads_;  // dL/d(input of layers_[i]); each keeps its shape between steps

  void forward_layers();  // activations_[0] -> logits, no attack draw
  // copies parameters and attack offsets of `source` (same options and shape)
  void copy_state_from(Model& source);
  // Runs the chunks of `inputs` through the model and its copies, then calls
  // after_forward(worker model, chunk, first row, rows) on the same thread.
  template <class AfterForward>
  void for_each_chunk(const Matrix& inputs, ThreadPool& pool, const AfterForward& after_forward);
  std::vector<ParamBlock> params_;
  std::vector<std::unique_ptr<Model>> replicas_;
  std::vector<unsigned char> replica_up_to_date_;  // per pool thread, within one for_each_chunk
  std::vector<std::vector<Real>> chunk_grads_;  // per chunk, all parameter blocks in order
  std::vector<double> row_losses_;
  std::vector<double> chunk_max_abs_logit_;
  double last_max_abs_logit_ = 0;
  Matrix batch_logits_, grad_logits_;
};

// Softmax cross-entropy, mean over the batch. Writes dL/dlogits when grad is given.
double softmax_cross_entropy(const Matrix& logits, const std::vector<int>& labels, Matrix* grad,
                             SoftmaxLoss loss = SoftmaxLoss::stable);
// Row-wise softmax (numerically stable).
Matrix softmax(const Matrix& logits);

}  // namespace hqnn
