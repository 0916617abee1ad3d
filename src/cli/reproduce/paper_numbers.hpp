// The numbers the paper reports, for the reproduction report to put beside
// ours: Fig. 5 (FashionMNIST 0-3 under symmetric Gaussian data noise), Fig. 6-8
// (accuracy and loss under asymmetric parameter attacks) and Fig. 9 (ablation).
#pragma once

#include <map>
#include <string>

namespace hqnn::cli {

struct PaperFig5 {  // FashionMNIST 0-3, symmetric Gaussian data noise
  double pr, roc, acc, acc_sd;
  double var[4][3], mean[4][3];  // per class: R, P, F1
};
// key: model kind name (qrcnn, cnn-leaky, qdcnn, cnn-rot)
const std::map<std::string, PaperFig5>& paper_fig5();

struct PaperFig8 {
  std::string figure;  // "6a", "6b", "7a", "7b"
  double acc, loss;    // acc in [0, 1]; loss NaN where the paper shows nan
};
// key: dataset/condition/model, e.g. "fashion-mnist/form2-mixed-asym/qdcnn"
const std::map<std::string, PaperFig8>& paper_fig8();

// Average test accuracy in [0, 1]; key: dataset/model, e.g. "iris/tqfnn".
const std::map<std::string, double>& paper_fig9();

}  // namespace hqnn::cli
