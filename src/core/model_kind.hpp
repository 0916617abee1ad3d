// The model families: one row per kind with its names and every property the
// model, the CLI, the playground, the model files and the reports ask about.
#pragma once

#include "enum_table.hpp"
#include "skip_connections.hpp"

namespace hqnn {

// The last twelve are the classical controls of the hybrids: QRFNN / QDFNN /
// QRCNN / QDCNN with a classical layer inside the λ skips instead of the V chain
// (classical_skip_stack.hpp): "mlp-" / "cnn-" for the front end, "res" / "dense"
// for Eq. (7) / (8), "leaky" / "tanh" / "orth" for the layer.
enum class ModelKind {
  tqfnn, qrfnn, qdfnn, mlp_leaky, mlp_rot, tqcnn, qrcnn, qdcnn, cnn_leaky, cnn_rot,
  mlp_res_leaky, mlp_dense_leaky, mlp_res_tanh, mlp_dense_tanh, mlp_res_orth, mlp_dense_orth,
  cnn_res_leaky, cnn_dense_leaky, cnn_res_tanh, cnn_dense_tanh, cnn_res_orth, cnn_dense_orth
};

// The hidden layers' activation of a classical model (D8), or the layer inside
// the skips of a classical control; none for the hybrids, whose layers are V
// chains.
enum class Activation { none, leaky_relu, rot_relu, tanh, orthogonal };
template <>
struct EnumTable<Activation> {
  static constexpr EnumName<Activation> rows[] = {{Activation::none, "none"},
                                                  {Activation::leaky_relu, "leaky-relu"},
                                                  {Activation::rot_relu, "rot-relu"},
                                                  {Activation::tanh, "tanh"},
                                                  {Activation::orthogonal, "orthogonal"}};
};
static_assert(enum_table_is_complete<Activation>());

struct ModelKindInfo {
  ModelKind kind;
  const char* name;          // on the command line, in links and model files: "mlp-leaky"
  const char* display_name;  // in tables and plots: "MLP(leaky-relu)"
  bool hybrid;               // quantum-inspired layers after amplitude encoding
  bool convolutional;        // the D9 convolutional front end
  SkipTopology topology;     // the λ skips (Eq. 7, 8); plain for TQFNN / TQCNN and the MLP / CNN baselines
  bool classical_skip;       // a classical control: encoding, then a classical layer inside the skips
  Activation activation;     // the classical layers' activation

  // Trainable λ (Eq. 7, 8): the residual and dense stacks.
  constexpr bool has_lambda() const { return topology != SkipTopology::plain; }
  // The layer inside the skips: the V chain of a hybrid, a control's classical layer, none for MLP / CNN.
  constexpr SkipBranch branch() const {
    if (hybrid) return SkipBranch::v_chain;
    if (!classical_skip) return SkipBranch::none;
    return activation == Activation::tanh ? SkipBranch::tanh
           : activation == Activation::orthogonal ? SkipBranch::orthogonal
                                                  : SkipBranch::leaky;
  }
  // The leaky-slope option applies: a leaky-relu layer, or the D9 front end,
  // which is built with leaky-relu (cnn-rot swaps it for rot-relu but keeps
  // the option, so that its links and model files stay as they are).
  constexpr bool reads_leaky_slope() const { return activation == Activation::leaky_relu || convolutional; }
};

template <>
struct EnumTable<ModelKind> {
  using K = ModelKind;
  using T = SkipTopology;
  using A = Activation;
  static constexpr ModelKindInfo rows[] = {
      {K::tqfnn, "tqfnn", "TQFNN", true, false, T::plain, false, A::none},
      {K::qrfnn, "qrfnn", "QRFNN", true, false, T::residual, false, A::none},
      {K::qdfnn, "qdfnn", "QDFNN", true, false, T::dense, false, A::none},
      {K::mlp_leaky, "mlp-leaky", "MLP(leaky-relu)", false, false, T::plain, false, A::leaky_relu},
      {K::mlp_rot, "mlp-rot", "MLP(rot-relu)", false, false, T::plain, false, A::rot_relu},
      {K::tqcnn, "tqcnn", "TQCNN", true, true, T::plain, false, A::none},
      {K::qrcnn, "qrcnn", "QRCNN", true, true, T::residual, false, A::none},
      {K::qdcnn, "qdcnn", "QDCNN", true, true, T::dense, false, A::none},
      {K::cnn_leaky, "cnn-leaky", "CNN(leaky-relu)", false, true, T::plain, false, A::leaky_relu},
      {K::cnn_rot, "cnn-rot", "CNN(rot-relu)", false, true, T::plain, false, A::rot_relu},
      {K::mlp_res_leaky, "mlp-res-leaky", "MLP-res(leaky-relu)", false, false, T::residual, true, A::leaky_relu},
      {K::mlp_dense_leaky, "mlp-dense-leaky", "MLP-dense(leaky-relu)", false, false, T::dense, true, A::leaky_relu},
      {K::mlp_res_tanh, "mlp-res-tanh", "MLP-res(tanh)", false, false, T::residual, true, A::tanh},
      {K::mlp_dense_tanh, "mlp-dense-tanh", "MLP-dense(tanh)", false, false, T::dense, true, A::tanh},
      {K::mlp_res_orth, "mlp-res-orth", "MLP-res(orthogonal)", false, false, T::residual, true, A::orthogonal},
      {K::mlp_dense_orth, "mlp-dense-orth", "MLP-dense(orthogonal)", false, false, T::dense, true, A::orthogonal},
      {K::cnn_res_leaky, "cnn-res-leaky", "CNN-res(leaky-relu)", false, true, T::residual, true, A::leaky_relu},
      {K::cnn_dense_leaky, "cnn-dense-leaky", "CNN-dense(leaky-relu)", false, true, T::dense, true, A::leaky_relu},
      {K::cnn_res_tanh, "cnn-res-tanh", "CNN-res(tanh)", false, true, T::residual, true, A::tanh},
      {K::cnn_dense_tanh, "cnn-dense-tanh", "CNN-dense(tanh)", false, true, T::dense, true, A::tanh},
      {K::cnn_res_orth, "cnn-res-orth", "CNN-res(orthogonal)", false, true, T::residual, true, A::orthogonal},
      {K::cnn_dense_orth, "cnn-dense-orth", "CNN-dense(orthogonal)", false, true, T::dense, true, A::orthogonal},
  };
};
static_assert(enum_table_is_complete<ModelKind>());

// A classical control is exactly a classical model with skips, and only the
// hybrids and the plain baselines lack a classical activation.
constexpr bool model_kind_rows_agree() {
  for (const ModelKindInfo& k : EnumTable<ModelKind>::rows) {
    if (k.classical_skip != (!k.hybrid && k.has_lambda())) return false;
    if (k.hybrid != (k.activation == Activation::none)) return false;
  }
  return true;
}
static_assert(model_kind_rows_agree());

inline bool is_hybrid(ModelKind kind) { return enum_row(kind).hybrid; }
inline bool is_convolutional(ModelKind kind) { return enum_row(kind).convolutional; }
// A classical control with the hybrids' skips (mlp-res-leaky, ..., cnn-dense-orth).
inline bool is_classical_skip(ModelKind kind) { return enum_row(kind).classical_skip; }
inline SkipTopology skip_topology_of(ModelKind kind) { return enum_row(kind).topology; }

// Old spellings of enum_rows / enum_name / parse_enum / enum_name_list, still read in a few places.
inline EnumRows<ModelKindInfo> model_kinds() { return enum_rows<ModelKind>(); }
inline const char* model_kind_name(ModelKind kind) { return enum_name(kind); }
inline std::optional<ModelKind> parse_model_kind(const std::string& name) { return parse_enum<ModelKind>(name); }
inline std::string model_kind_list(const char* separator = ", ") { return enum_name_list<ModelKind>(separator); }

}  // namespace hqnn
