// Index of this file
//   [SECTION] Usage
//   [SECTION] Inputs: model, layer, --input, --data
//   [SECTION] Formats: qasm, quirk, stats
//   [SECTION] Command
#include "circuit_command.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <set>

#include "core/circuit/circuit_lcu.hpp"
#include "core/circuit/circuit_program.hpp"
#include "core/circuit/circuit_quirk.hpp"
#include "core/model_io.hpp"
#include "run/data_preparation.hpp"
#include "run/model_data.hpp"
#include "run/options/option_table.hpp"

namespace hqnn::cli {

// [SECTION] Usage ----------------------------------------------------------------------------
const std::vector<run::CommandOption>& circuit_extras() {
  static const std::vector<run::CommandOption> extras = {
      {"model", true, "FILE", "a hybrid model written by hqnn train --out (the quantum part of tqfnn, qrfnn, qdfnn, "
                              "tqcnn, qrcnn, qdcnn)"},
      {"layer", true, "l", "only U_l (0 <= l < L) [all layers]"},
      {"input", true, "\"x1,...,xd\"", "a raw input (the model's d input features, as in its data file): the circuit "
                                        "starts with the amplitude encoding of the state it gives the quantum layers"},
      {"format", true, "F", "qasm (OpenQASM 2.0, qelib1.inc gates x, cx, ry only), quirk (a link that opens the "
                            "circuit in Quirk) or stats (gate counts, CNOTs and depth per layer, and the cost of the "
                            "skip connections, Eq. 7/8, as a linear combination of unitaries) [stats]"},
      {"multi-control", true, "M", "fewest-cnots, gray-code (2^k CNOTs, no ancilla) or ancilla-chain (6k-8 CNOTs, "
                                   "k-2 ancillas), for the k-controlled rotations [fewest-cnots]"},
      {"json", false, "", "stats as one JSON object"},
  };
  return extras;
}

// [SECTION] Inputs ----------------------------------------------------------------------------
namespace {

std::vector<double> parse_numbers(const std::string& option, const std::string& text) {
  std::vector<double> values;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(',', start), text.size());
    const std::string cell = text.substr(start, end - start);
    size_t used = 0;
    double v = 0;
    try {
      v = std::stod(cell, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    while (used < cell.size() && cell[used] == ' ') ++used;
    if (cell.empty() || used != cell.size() || !std::isfinite(v))
      throw InputError("--" + option + ": '" + cell + "' is not a finite number (give comma-separated numbers)");
    values.push_back(v);
    start = end + 1;
  }
  return values;
}

int parse_layer(const std::string& text) {
  char* end = nullptr;
  const long l = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || l < -1000000 || l > 1000000)
    throw InputError("--layer: '" + text + "' is not an integer");
  return static_cast<int>(l);
}

std::string feature_list(const ModelInfo& info) {
  if (info.feature_names.empty() || info.feature_names.size() > 8) return "";
  std::string all;
  for (const auto& f : info.feature_names) all += (all.empty() ? "" : ", ") + f;
  return " (" + all + ")";
}

// ψ_0, the amplitude-encoded state the quantum layers receive, for each row of
// raw inputs: the model's standardisation, front end and encoding.
std::vector<std::vector<double>> encoded_states(Model& model, const ModelInfo& info, Dataset raw) {
  if (info.scaler) info.scaler->apply(raw);
  model.forward(raw.features);
  const Matrix& psi0 = model.quantum_stack()->states()[0];
  std::vector<std::vector<double>> out(static_cast<size_t>(psi0.rows()));
  for (Index i = 0; i < psi0.rows(); ++i)
    for (Index k = 0; k < psi0.cols(); ++k) out[static_cast<size_t>(i)].push_back(psi0(i, k));
  return out;
}

// --data for stats: a tabular set whole (labelled or not, read with the
// model's CSV options unless given; one row is enough), an image set's test split.
Dataset load_average_data(const run::DataSpec& data, const std::set<std::string>& given, const ModelInfo& info) {
  return run::load_for_model(run::data_spec_for_model(data, given, info), info, false).data;
}

// [SECTION] Formats --------------------------------------------------------------------------
Json stats_json(const CircuitStats& s) {
  Json j = Json::object();
  j.set("gates", s.gates());
  j.set("x", s.x);
  j.set("cx", s.cx);
  j.set("ry", s.ry);
  j.set("cnots", s.cnots);
  j.set("depth", s.depth);
  return j;
}

template <typename T>
Json array_of(const std::vector<T>& values) {
  Json a = Json::array();
  for (const T& v : values) a.push(v);
  return a;
}

std::string part_name(const CircuitProgram& p, size_t i) {
  return p.has_preparation && i == 0 ? "preparation" : "U_" + std::to_string(p.layers[i - (p.has_preparation ? 1 : 0)]);
}

void print_stats(const std::string& path, const Model& model, const CircuitProgram& m, const std::string& title,
                 const SkipSumCost& cost, const std::string& averaged_over,
                 const std::optional<std::vector<double>>& output_state, bool json) {
  const QuantumStack& stack = *model.quantum_stack();
  const int n = m.width, N = m.qubits;
  const bool skips = stack.options().topology != SkipTopology::plain;
  if (json) {
    Json j = Json::object();
    j.set("model_file", path);
    j.set("kind", enum_name(model.options().kind));
    j.set("width", n);
    j.set("qubits", N);
    j.set("padding", (1 << N) - n);
    j.set("ancillas", m.ancillas);
    j.set("multi_control", enum_name(resolve_multi_control(m.multi_control, N - 1)));
    j.set("cnots_per_rotation", multi_controlled_ry_cnots(N - 1, m.multi_control));
    Json circuits = Json::array();
    for (size_t i = 0; i < m.stats.size(); ++i) {
      Json c = stats_json(m.stats[i]);
      c.set("circuit", part_name(m, i));
      circuits.push(c);
    }
    j.set("circuits", circuits);
    Json s = Json::object();
    s.set("topology", enum_name(stack.options().topology));
    s.set("terms", array_of(cost.terms));
    s.set("select_qubits", array_of(cost.select_qubits));
    s.set("one_norm", array_of(cost.one_norm));
    s.set("ancillas", cost.ancillas);
    if (!cost.success_probability.empty()) {
      s.set("success_probability", array_of(cost.success_probability));
      s.set("averaged_over", averaged_over);
      s.set("samples", cost.samples);
    }
    j.set("skip_sums", s);
    if (output_state) j.set("circuit_output_state", array_of(*output_state));
    std::cout << j.dump(2) << std::endl;
    return;
  }
  for (const std::string& line : program_header(m, stack, title)) std::printf("%s\n", line.c_str());
  std::printf("\n  %-22s %8s %8s %8s %8s %8s %8s\n", "circuit", "gates", "x", "cx", "ry", "CNOTs", "depth");
  for (size_t i = 0; i < m.stats.size(); ++i) {
    const CircuitStats& s = m.stats[i];
    const std::string name = m.has_preparation && i == 0 ? "encoding of --input" : part_name(m, i);
    std::printf("  %-22s %8d %8d %8d %8d %8d %8d\n", name.c_str(), s.gates(), s.x, s.cx, s.ry, s.cnots, s.depth);
  }
  if (!skips) {
    std::printf("\n  plain connections (TQFNN/TQCNN): the model is the product U_%d ... U_0, no skip sums\n",
                stack.options().layers - 1);
    return;
  }
  std::printf("\n  %s skip sums (Eq. %s) as a linear combination of unitaries (docs/circuits.md):\n",
              enum_name(stack.options().topology),
              stack.options().topology == SkipTopology::residual ? "7" : "8");
  std::printf("  %-8s %8s %14s %12s %20s\n", "layer l", "terms", "select qubits", "1-norm s_l", "success P_l");
  for (size_t l = 0; l < cost.terms.size(); ++l) {
    std::string p = "-";
    if (!cost.success_probability.empty()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.4f", cost.success_probability[l]);
      p = buf;
    }
    std::printf("  %-8zu %8d %14d %12.4f %20s\n", l + 1, cost.terms[l], cost.select_qubits[l], cost.one_norm[l], p.c_str());
  }
  std::printf("  ancillas for the select registers: %d; P_l = |psi_l|^2 / s_l^2 %s\n", cost.ancillas,
              cost.success_probability.empty() ? "(give --input or --data to compute it)"
                                               : ("for " + averaged_over).c_str());
}

}  // namespace

// [SECTION] Command ---------------------------------------------------------------------------
// The options from the run table (data) and the command's own.
static std::string circuit_help() {
  return run::command_help(run::kCircuit,
                           "usage: hqnn circuit --model FILE [--layer l] [--input \"x1,...,xd\"] "
                           "[--format qasm|quirk|stats]\n\n"
                           "A trained model's quantum-inspired layers as quantum circuits. Basis: amplitude k is the\n"
                           "basis state |k> with q[0] the least significant bit. --data (stats only) averages the\n"
                           "LCU success probability over a data set (a CSV whole, an image set's test split).\n",
                           circuit_extras(),
                           "\nexamples:\n"
                           "  hqnn circuit --model qdfnn.json --layer 0 --format qasm\n"
                           "  hqnn circuit --model qdfnn.json --data iris\n");
}

int run_circuit_command(const std::vector<std::string>& argv) {
  for (const std::string& a : argv)
    if (a == "--help" || a == "-h") {
      std::printf("%s", circuit_help().c_str());
      return 0;
    }
  const run::CommandLine args = run::parse_command_line(argv, run::kCircuit, circuit_extras());
  if (!args.has("model")) throw InputError("circuit needs --model FILE (a hybrid model written by hqnn train --out)");
  const std::string path = args.str("model");
  const std::string format = args.str("format", "stats");
  if (format != "qasm" && format != "quirk" && format != "stats")
    throw InputError("--format: expected qasm, quirk or stats, got '" + format + "'");
  if (args.has("json") && format != "stats") throw InputError("--json applies to --format stats only");
  const std::string mc = args.str("multi-control", enum_name(MultiControl::fewest_cnots));
  const std::optional<MultiControl> strategy = parse_enum<MultiControl>(mc);
  if (!strategy)
    throw InputError("--multi-control: expected " + enum_name_list<MultiControl>(", ", " or ") + ", got '" + mc + "'");

  ModelInfo info;
  std::unique_ptr<Model> model = load_model(path, &info);
  const QuantumStack* stack = model->quantum_stack();
  if (!stack)
    throw InputError(path + ": a " + enum_name(model->options().kind) +
                     " model has no quantum-inspired layers to compile (the hybrids have: tqfnn, qrfnn, qdfnn, tqcnn, "
                     "qrcnn, qdcnn)");
  const int L = stack->options().layers, n = stack->options().width;
  std::vector<int> layers;
  if (args.has("layer")) {
    const int l = parse_layer(args.str("layer"));
    if (l < 0 || l >= L)
      throw InputError("--layer " + std::to_string(l) + " is out of range: the model has L = " + std::to_string(L) +
                       " quantum-inspired layers, U_0 to U_" + std::to_string(L - 1));
    layers.push_back(l);
  } else {
    for (int l = 0; l < L; ++l) layers.push_back(l);
  }

  std::optional<std::vector<double>> psi0;
  std::vector<std::vector<double>> averaged;
  std::string averaged_over;
  if (args.has("input")) {
    const std::vector<double> x = parse_numbers("input", args.str("input", ""));
    if (static_cast<Index>(x.size()) != model->input_width())
      throw InputError("--input has " + std::to_string(x.size()) + " values; the model takes " +
                       std::to_string(model->input_width()) + feature_list(info));
    Dataset raw;
    raw.features = Eigen::Map<const Eigen::VectorXd>(x.data(), static_cast<Index>(x.size())).transpose().cast<Real>();
    averaged = encoded_states(*model, info, raw);
    psi0 = averaged[0];
    averaged_over = "the given --input";
  }
  if (args.given.count("data")) {
    if (args.has("input")) throw InputError("give --input or --data, not both");
    const Dataset data = load_average_data(args.spec.data, args.given, info);
    if (data.feature_count() != model->input_width())
      throw InputError(data.name + " has " + std::to_string(data.feature_count()) + " features, the model expects " +
                       std::to_string(model->input_width()));
    averaged = encoded_states(*model, info, data);
    averaged_over = "the mean over " + data.name + " (" + std::to_string(data.size()) + " samples)";
  }

  const CircuitProgram m = compile_program(*stack, layers, psi0, *strategy);
  const std::string title = path + " (" + enum_name(model->options().kind) + ", n = " + std::to_string(n) +
                            ", L = " + std::to_string(L) + ")";
  if (format == "qasm") {
    std::printf("%s", write_openqasm(m.lowered, program_header(m, *stack, title)).c_str());
  } else if (format == "quirk") {
    std::printf("%s\n", quirk_url(m.parts).c_str());
  } else {
    std::optional<std::vector<double>> output_state;
    if (psi0) {
      // What the circuit leaves in the first n amplitudes: U_l … applied to ψ_0 in double.
      output_state = *psi0;
      double norm = 0;
      for (double v : *output_state) norm += v * v;
      for (double& v : *output_state) v /= std::sqrt(norm);
      for (int l : layers) apply_givens_chain(layer_angles(*stack, l), n, *output_state);
    }
    print_stats(path, *model, m, title, skip_sum_cost(*stack, averaged), averaged_over, output_state, args.has("json"));
  }
  return 0;
}

}  // namespace hqnn::cli
