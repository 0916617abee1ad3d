// hqnn circuit on model files of every hybrid kind: the exported OpenQASM,
// simulated, gives the amplitudes the stats report (the V chain applied to the
// encoded input); bad options give the catalogued messages.
#include <gtest/gtest.h>

#include "../bad_input_catalogue.hpp"
#include "../scratch_dir.hpp"
#include "../qasm_reader.hpp"
#include "../statevector.hpp"
#include "cli/circuit_command.hpp"
#include "core/circuit/circuit.hpp"
#include "core/givens_chain.hpp"
#include "core/model_io.hpp"

using namespace hqnn;
using namespace hqnn::testing;

namespace {

const char* const kIrisInput = "5.1,3.5,1.4,0.2";

// Saves an untrained model of the given kind; returns its path.
std::string model_file(const std::string& name, ModelKind kind, int width, int input_width = 4) {
  ModelOptions mo;
  mo.kind = kind;
  mo.width = width;
  if (is_convolutional(kind)) {
    mo.image_channels = 1;
    mo.image_height = mo.image_width = 8;
  }
  Model model(mo, input_width, 3);
  ModelInfo info;
  info.class_names = {"a", "b", "c"};
  if (input_width == 4) info.feature_names = {"sepal_length", "sepal_width", "petal_length", "petal_width"};
  const std::string path = hqnn::testing::scratch_file(name);
  save_model(path, model, info);
  return path;
}

std::string output_of(const std::vector<std::string>& args) {
  ::testing::internal::CaptureStdout();
  try {
    cli::run_circuit_command(args);
  } catch (...) {
    ::testing::internal::GetCapturedStdout();
    throw;
  }
  return ::testing::internal::GetCapturedStdout();
}

std::vector<double> numbers(const Json& array) {
  std::vector<double> v;
  for (size_t i = 0; i < array.size(); ++i) v.push_back(array[i].as_number());
  return v;
}

std::string comma_list(int count, double start, double step) {
  std::string s;
  for (int i = 0; i < count; ++i) s += (i ? "," : "") + std::to_string(start + step * i);
  return s;
}

// The OpenQASM for (model, extra options) simulated: the first n amplitudes are
// the stats' circuit_output_state, the rest (padding, ancillas) zero.
void expect_qasm_matches_stats(const std::string& path, const std::string& input, std::vector<std::string> extra) {
  std::vector<std::string> args{"--model", path, "--input", input};
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<std::string> qasm_args = args, stats_args = args;
  qasm_args.insert(qasm_args.end(), {"--format", "qasm"});
  stats_args.insert(stats_args.end(), {"--format", "stats", "--json"});
  const Circuit c = read_qasm(output_of(qasm_args));
  const std::vector<double> expected = numbers(Json::parse(output_of(stats_args)).at("circuit_output_state"));
  Statevector sv(c.qubits);
  sv.run(c);
  for (size_t k = 0; k < sv.amplitudes().size(); ++k)
    ASSERT_NEAR(sv.amplitudes()[k], k < expected.size() ? expected[k] : 0.0, 1e-12) << path << " amplitude " << k;
}

}  // namespace

TEST(CliCircuit, StatsStateIsTheDenseChainAppliedToTheEncodedInput) {
  const std::string path = model_file("circuit_qdfnn.json", ModelKind::qdfnn, 0);
  const Json j = Json::parse(output_of({"--model", path, "--input", kIrisInput, "--json"}));
  ModelInfo info;
  const auto model = load_model(path, &info);
  Eigen::VectorXd psi(4);
  psi << 5.1, 3.5, 1.4, 0.2;
  psi.normalize();
  for (int l = 0; l < 2; ++l) {
    const Real* a = model->quantum_stack()->layer_angles(l);
    psi = givens_chain_dense(std::vector<double>(a, a + 5), 4) * psi;
  }
  const std::vector<double> state = numbers(j.at("circuit_output_state"));
  ASSERT_EQ(state.size(), 4u);
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(state[static_cast<size_t>(k)], psi(k), 1e-6);  // ψ_0 passes through float
  EXPECT_EQ(j.at("qubits").as_number(), 2);
  EXPECT_EQ(j.at("circuits").size(), 3u);  // preparation, U_0, U_1
  EXPECT_EQ(j.at("skip_sums").at("terms")[1].as_number(), 3);  // dense layer 2: U ψ_1 + λ ψ_0 + λ ψ_1
}

TEST(CliCircuit, QasmOfEveryHybridKindSimulatesToTheStatsState) {
  for (ModelKind kind : {ModelKind::tqfnn, ModelKind::qrfnn, ModelKind::qdfnn})
    for (int width : {0, 5}) {  // n = 4 features, or a Linear front end to n = 5 (padded to 8)
      const std::string path = model_file(std::string("circuit_") + enum_name(kind) + ".json", kind, width);
      expect_qasm_matches_stats(path, kIrisInput, {});
      expect_qasm_matches_stats(path, "-1,0.5,2,0", {"--layer", "1", "--multi-control", "ancilla-chain"});
    }
  // The quantum part of a convolutional hybrid: its input is the 8 x 8 image.
  for (ModelKind kind : {ModelKind::tqcnn, ModelKind::qrcnn, ModelKind::qdcnn}) {
    const std::string path = model_file(std::string("circuit_") + enum_name(kind) + ".json", kind, 13, 64);
    expect_qasm_matches_stats(path, comma_list(64, 0.0, 0.015625), {"--layer", "0"});
  }
}

TEST(CliCircuit, StatsTableShowsPaddingDecompositionAndLcuCost) {
  const std::string path = model_file("circuit_qrfnn5.json", ModelKind::qrfnn, 5);
  const std::string out = output_of({"--model", path, "--input", kIrisInput});
  for (const char* expected : {"padding: n = 5 is not a power of two; amplitudes 5..7 start at 0 and stay 0",
                               "multi-controlled RY: gray-code, 4 CNOTs and 0 ancillas per rotation",
                               "encoding of --input", "U_0", "U_1", "residual skip sums (Eq. 7)",
                               "P_l = |psi_l|^2 / s_l^2 for the given --input"})
    EXPECT_NE(out.find(expected), std::string::npos) << expected << "\n" << out;
}

TEST(CliCircuit, DataAveragesTheSuccessProbabilityOverTheSet) {
  const std::string path = model_file("circuit_qrfnn4.json", ModelKind::qrfnn, 0);
  const Json s = Json::parse(output_of({"--model", path, "--data", "iris", "--json"})).at("skip_sums");
  EXPECT_EQ(s.at("samples").as_number(), 150);
  EXPECT_EQ(s.at("averaged_over").as_string(), "the mean over iris (150 samples)");
  for (size_t l = 0; l < 2; ++l) {
    EXPECT_GT(s.at("success_probability")[l].as_number(), 0.0);
    EXPECT_LE(s.at("success_probability")[l].as_number(), 1.0);
  }
}

TEST(CliCircuit, QuirkFormatPrintsOneLink) {
  const std::string path = model_file("circuit_quirk.json", ModelKind::qdfnn, 0);
  const std::string out = output_of({"--model", path, "--layer", "0", "--format", "quirk"});
  EXPECT_EQ(out.rfind("https://algassert.com/quirk#circuit=%7B%22cols%22", 0), 0u) << out;
  EXPECT_EQ(out.find('\n'), out.size() - 1);
}

TEST(BadInputs, CircuitWithoutModel) {
  expect_catalogued(input_error_of([] { output_of({"--format", "qasm"}); }),
                    "circuit needs --model FILE (a hybrid model written by hqnn train --out)");
}

TEST(BadInputs, CircuitModelFileMissing) {
  expect_catalogued(input_error_of([] { output_of({"--model", "no-such-file.csv"}); }),
                    "no-such-file.csv: cannot open (No such file or directory)");
}

TEST(BadInputs, CircuitOfClassicalModel) {
  const std::string path = model_file("mlp.json", ModelKind::mlp_leaky, 4);
  std::string m = input_error_of([&] { output_of({"--model", path}); });
  EXPECT_EQ(m.rfind(path, 0), 0u);
  expect_catalogued("mlp.json" + m.substr(path.size()),
                    "mlp.json: a mlp-leaky model has no quantum-inspired layers to compile (the hybrids have: tqfnn, "
                    "qrfnn, qdfnn, tqcnn, qrcnn, qdcnn)");
}

TEST(BadInputs, CircuitLayerOutOfRange) {
  const std::string path = model_file("circuit_layers.json", ModelKind::qdfnn, 0);
  expect_catalogued(input_error_of([&] { output_of({"--model", path, "--layer", "2"}); }),
                    "--layer 2 is out of range: the model has L = 2 quantum-inspired layers, U_0 to U_1");
  EXPECT_NE(input_error_of([&] { output_of({"--model", path, "--layer", "-1"}); }), "(accepted)");
}

TEST(BadInputs, CircuitInputOfWrongLength) {
  const std::string path = model_file("circuit_input.json", ModelKind::qdfnn, 0);
  expect_catalogued(input_error_of([&] { output_of({"--model", path, "--input", "1,2,3"}); }),
                    "--input has 3 values; the model takes 4 (sepal_length, sepal_width, petal_length, petal_width)");
}

TEST(BadInputs, CircuitInputNotANumber) {
  const std::string path = model_file("circuit_nan.json", ModelKind::qdfnn, 0);
  expect_catalogued(input_error_of([&] { output_of({"--model", path, "--input", "1,x,3,4"}); }),
                    "--input: 'x' is not a finite number (give comma-separated numbers)");
  EXPECT_NE(input_error_of([&] { output_of({"--model", path, "--input", "1,2,,4"}); }), "(accepted)");
  EXPECT_NE(input_error_of([&] { output_of({"--model", path, "--input", "1,2,inf,4"}); }), "(accepted)");
}

TEST(BadInputs, CircuitUnknownFormat) {
  const std::string path = model_file("circuit_format.json", ModelKind::qdfnn, 0);
  expect_catalogued(input_error_of([&] { output_of({"--model", path, "--format", "svg"}); }),
                    "--format: expected qasm, quirk or stats, got 'svg'");
}

TEST(BadInputs, CircuitJsonWithoutStats) {
  const std::string path = model_file("circuit_json.json", ModelKind::qdfnn, 0);
  expect_catalogued(input_error_of([&] { output_of({"--model", path, "--format", "qasm", "--json"}); }),
                    "--json applies to --format stats only");
}

TEST(BadInputs, CircuitUnknownMultiControl) {
  const std::string path = model_file("circuit_mc.json", ModelKind::qdfnn, 0);
  expect_catalogued(input_error_of([&] { output_of({"--model", path, "--multi-control", "toffoli"}); }),
                    "--multi-control: expected fewest-cnots, gray-code or ancilla-chain, got 'toffoli'");
}

TEST(BadInputs, CircuitInputAndData) {
  const std::string path = model_file("circuit_both.json", ModelKind::qdfnn, 0);
  expect_catalogued(input_error_of([&] { output_of({"--model", path, "--input", kIrisInput, "--data", "iris"}); }),
                    "give --input or --data, not both");
}
