#include "paper_numbers.hpp"

#include <limits>

#include "core/model_kind.hpp"

namespace hqnn::cli {

static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const std::map<std::string, PaperFig5>& paper_fig5() {
  static const std::map<std::string, PaperFig5> t = {
      {enum_name(ModelKind::qrcnn), {0.9730, 0.9892, 0.9284, 0.0179,
                 {{1.290e-2, 1.110e-2, 6.558e-3}, {4.551e-3, 3.872e-3, 2.385e-3}, {1.210e-2, 5.680e-3, 5.349e-3}, {1.628e-2, 7.740e-3, 7.353e-3}},
                 {{.9220, .8982, .9018}, {.9751, .9642, .9672}, {.9140, .9599, .9311}, {.8960, .9312, .9056}}}},
      {enum_name(ModelKind::cnn_leaky), {0.9766, 0.9911, 0.9299, 0.0177,
                     {{1.163e-2, 1.062e-2, 6.547e-3}, {6.904e-3, 3.742e-3, 3.470e-3}, {1.408e-2, 6.067e-3, 6.463e-3}, {1.320e-2, 8.798e-3, 6.443e-3}},
                     {{.9206, .9102, .9091}, {.9702, .9647, .9638}, {.9112, .9472, .9227}, {.9023, .9254, .9068}}}},
      {enum_name(ModelKind::qdcnn), {0.9768, 0.9910, 0.9316, 0.0175,
                 {{9.408e-3, 1.001e-2, 5.022e-3}, {3.570e-3, 3.936e-3, 2.070e-3}, {9.901e-3, 5.179e-3, 4.800e-3}, {1.363e-2, 6.703e-3, 6.118e-3}},
                 {{.9331, .9076, .9136}, {.9801, .9655, .9705}, {.9157, .9590, .9328}, {.9047, .9391, .9154}}}},
      {enum_name(ModelKind::cnn_rot), {0.9788, 0.9917, 0.9310, 0.0176,
                   {{1.437e-2, 1.008e-2, 7.114e-3}, {5.179e-3, 3.862e-3, 3.168e-3}, {1.254e-2, 7.347e-3, 5.819e-3}, {1.556e-2, 9.586e-3, 7.401e-3}},
                   {{.9144, .9108, .9049}, {.9805, .9657, .9703}, {.9125, .9426, .9213}, {.8930, .9234, .9003}}}}};
  return t;
}

const std::map<std::string, PaperFig8>& paper_fig8() {
  static const std::map<std::string, PaperFig8> t = [] {
    std::map<std::string, PaperFig8> m;
    auto row = [&](const std::string& fig, const std::string& ds, const std::string& cond, double rot, double qr,
                   double qr_loss, double leaky, double qd, double qd_loss) {
      m[ds + "/" + cond + "/cnn-rot"] = {fig, rot, kNaN};
      m[ds + "/" + cond + "/qrcnn"] = {fig, qr, qr_loss};
      m[ds + "/" + cond + "/cnn-leaky"] = {fig, leaky, kNaN};
      m[ds + "/" + cond + "/qdcnn"] = {fig, qd, qd_loss};
    };
    row("6a", "cifar100", "form1-mixed-asym", .2300, .7365, 0.0085, .2500, .7867, 0.0082);
    row("6b", "cifar100", "form1-gaussian-asym", .2100, .7596, 0.0063, .2500, .7610, 0.0079);
    row("7a", "fashion-mnist", "form2-mixed-asym", .2700, .9186, 0.0012, .2500, .9302, 0.0027);
    row("7b", "fashion-mnist", "form2-gaussian-asym", .2400, .8971, 0.0014, .2500, .9294, 0.0018);
    return m;
  }();
  return t;
}

const std::map<std::string, double>& paper_fig9() {
  static const std::map<std::string, double> t = {{"iris/tqfnn", .8793},  {"iris/qrfnn", .8957},
                                                  {"iris/qdfnn", .9255},  {"fashion-mnist/tqcnn", .9019},
                                                  {"fashion-mnist/qrcnn", .9252}, {"fashion-mnist/qdcnn", .9355}};
  return t;
}

}  // namespace hqnn::cli
