#include "model_kind.hpp"

namespace hqnn {

const std::vector<ModelKindInfo>& model_kinds() {
  static const std::vector<ModelKindInfo> kinds = {
      {ModelKind::tqfnn, "tqfnn", "TQFNN", true, false},
      {ModelKind::qrfnn, "qrfnn", "QRFNN", true, false},
      {ModelKind::qdfnn, "qdfnn", "QDFNN", true, false},
      {ModelKind::mlp_leaky, "mlp-leaky", "MLP(leaky-relu)", false, false},
      {ModelKind::mlp_rot, "mlp-rot", "MLP(rot-relu)", false, false},
      {ModelKind::tqcnn, "tqcnn", "TQCNN", true, true},
      {ModelKind::qrcnn, "qrcnn", "QRCNN", true, true},
      {ModelKind::qdcnn, "qdcnn", "QDCNN", true, true},
      {ModelKind::cnn_leaky, "cnn-leaky", "CNN(leaky-relu)", false, true},
      {ModelKind::cnn_rot, "cnn-rot", "CNN(rot-relu)", false, true},
  };
  return kinds;
}

const ModelKindInfo& model_kind_info(ModelKind kind) { return model_kinds()[static_cast<size_t>(kind)]; }

const char* model_kind_name(ModelKind kind) { return model_kind_info(kind).name; }

std::optional<ModelKind> parse_model_kind(const std::string& name) {
  std::string dashed = name;
  for (auto& c : dashed)
    if (c == '_') c = '-';
  for (const ModelKindInfo& k : model_kinds())
    if (dashed == k.name) return k.kind;
  return std::nullopt;
}

std::string model_kind_list(const char* separator) {
  std::string list;
  for (const ModelKindInfo& k : model_kinds()) list += (list.empty() ? "" : separator) + std::string(k.name);
  return list;
}

bool is_hybrid(ModelKind kind) { return model_kind_info(kind).hybrid; }
bool is_convolutional(ModelKind kind) { return model_kind_info(kind).convolutional; }

}  // namespace hqnn
