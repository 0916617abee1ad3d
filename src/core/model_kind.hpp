// The model families and their names: the one table the CLI, the playground,
// the model files and the reports read.
#pragma once

#include <optional>
#include <string>
#include <vector>

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

struct ModelKindInfo {
  ModelKind kind;
  const char* name;          // on the command line, in links and model files: "mlp-leaky"
  const char* display_name;  // in tables and plots: "MLP(leaky-relu)"
  bool hybrid;               // quantum-inspired layers after amplitude encoding
  bool convolutional;        // the D9 convolutional front end
  SkipTopology skip;         // the λ skips (Eq. 7, 8); plain for the MLP / CNN baselines
  bool classical_skip;       // a classical control: encoding, then a classical layer inside the skips
  SkipBranch branch;         // the layer inside the skips (v_chain for the hybrids, none for MLP / CNN)
};

// Every kind, in the enum's order.
const std::vector<ModelKindInfo>& model_kinds();
const ModelKindInfo& model_kind_info(ModelKind kind);

const char* model_kind_name(ModelKind kind);
// "qdfnn", "mlp-leaky"; '_' is read as '-' ("mlp_leaky").
std::optional<ModelKind> parse_model_kind(const std::string& name);
// "tqfnn, qrfnn, ..., cnn-rot" for help texts and messages.
std::string model_kind_list(const char* separator = ", ");
bool is_hybrid(ModelKind kind);
bool is_convolutional(ModelKind kind);
// A classical control with the hybrids' skips (mlp-res-leaky, ..., cnn-dense-orth).
bool is_classical_skip(ModelKind kind);

}  // namespace hqnn
