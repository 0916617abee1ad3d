#include "model_kind.hpp"

namespace hqnn {

const std::vector<ModelKindInfo>& model_kinds() {
  static const std::vector<ModelKindInfo> kinds = {
      {ModelKind::tqfnn, "tqfnn", "TQFNN", true, false, SkipTopology::plain, false, SkipBranch::v_chain},
      {ModelKind::qrfnn, "qrfnn", "QRFNN", true, false, SkipTopology::residual, false, SkipBranch::v_chain},
      {ModelKind::qdfnn, "qdfnn", "QDFNN", true, false, SkipTopology::dense, false, SkipBranch::v_chain},
      {ModelKind::mlp_leaky, "mlp-leaky", "MLP(leaky-relu)", false, false, SkipTopology::plain, false, SkipBranch::none},
      {ModelKind::mlp_rot, "mlp-rot", "MLP(rot-relu)", false, false, SkipTopology::plain, false, SkipBranch::none},
      {ModelKind::tqcnn, "tqcnn", "TQCNN", true, true, SkipTopology::plain, false, SkipBranch::v_chain},
      {ModelKind::qrcnn, "qrcnn", "QRCNN", true, true, SkipTopology::residual, false, SkipBranch::v_chain},
      {ModelKind::qdcnn, "qdcnn", "QDCNN", true, true, SkipTopology::dense, false, SkipBranch::v_chain},
      {ModelKind::cnn_leaky, "cnn-leaky", "CNN(leaky-relu)", false, true, SkipTopology::plain, false, SkipBranch::none},
      {ModelKind::cnn_rot, "cnn-rot", "CNN(rot-relu)", false, true, SkipTopology::plain, false, SkipBranch::none},
      {ModelKind::mlp_res_leaky, "mlp-res-leaky", "MLP-res(leaky-relu)", false, false, SkipTopology::residual, true, SkipBranch::leaky},
      {ModelKind::mlp_dense_leaky, "mlp-dense-leaky", "MLP-dense(leaky-relu)", false, false, SkipTopology::dense, true, SkipBranch::leaky},
      {ModelKind::mlp_res_tanh, "mlp-res-tanh", "MLP-res(tanh)", false, false, SkipTopology::residual, true, SkipBranch::tanh},
      {ModelKind::mlp_dense_tanh, "mlp-dense-tanh", "MLP-dense(tanh)", false, false, SkipTopology::dense, true, SkipBranch::tanh},
      {ModelKind::mlp_res_orth, "mlp-res-orth", "MLP-res(orthogonal)", false, false, SkipTopology::residual, true, SkipBranch::orthogonal},
      {ModelKind::mlp_dense_orth, "mlp-dense-orth", "MLP-dense(orthogonal)", false, false, SkipTopology::dense, true, SkipBranch::orthogonal},
      {ModelKind::cnn_res_leaky, "cnn-res-leaky", "CNN-res(leaky-relu)", false, true, SkipTopology::residual, true, SkipBranch::leaky},
      {ModelKind::cnn_dense_leaky, "cnn-dense-leaky", "CNN-dense(leaky-relu)", false, true, SkipTopology::dense, true, SkipBranch::leaky},
      {ModelKind::cnn_res_tanh, "cnn-res-tanh", "CNN-res(tanh)", false, true, SkipTopology::residual, true, SkipBranch::tanh},
      {ModelKind::cnn_dense_tanh, "cnn-dense-tanh", "CNN-dense(tanh)", false, true, SkipTopology::dense, true, SkipBranch::tanh},
      {ModelKind::cnn_res_orth, "cnn-res-orth", "CNN-res(orthogonal)", false, true, SkipTopology::residual, true, SkipBranch::orthogonal},
      {ModelKind::cnn_dense_orth, "cnn-dense-orth", "CNN-dense(orthogonal)", false, true, SkipTopology::dense, true, SkipBranch::orthogonal},
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
bool is_classical_skip(ModelKind kind) { return model_kind_info(kind).classical_skip; }

}  // namespace hqnn
