// The model families and their names: the one table the CLI, the playground,
// the model files and the reports read.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace hqnn {

enum class ModelKind { tqfnn, qrfnn, qdfnn, mlp_leaky, mlp_rot, tqcnn, qrcnn, qdcnn, cnn_leaky, cnn_rot };

struct ModelKindInfo {
  ModelKind kind;
  const char* name;          // on the command line, in links and model files: "mlp-leaky"
  const char* display_name;  // in tables and plots: "MLP(leaky-relu)"
  bool hybrid;               // quantum-inspired layers after amplitude encoding
  bool convolutional;        // the D9 convolutional front end
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

}  // namespace hqnn
