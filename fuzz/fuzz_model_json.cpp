// Model files: any text is either a model that runs, or refused with InputError.
#include <string>

#include "core/input_error.hpp"
#include "core/model_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    hqnn::ModelInfo info;
    auto model = hqnn::model_from_json(hqnn::Json::parse(text, "fuzz.json"), &info, "fuzz.json");
    if (model->input_width() <= 4096) {
      hqnn::Matrix x = hqnn::Matrix::Ones(2, model->input_width());
      const hqnn::Matrix& logits = model->forward(x);
      if (logits.cols() != model->class_count()) __builtin_trap();
    }
  } catch (const hqnn::InputError&) {
  }
  return 0;
}
