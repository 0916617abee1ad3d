// The writers of compiled circuits: OpenQASM 2.0 reads back to the same gates
// and the same state; Quirk's JSON has the documented columns; the limits give
// the catalogued messages.
#include <gtest/gtest.h>

#include "../../bad_input_catalogue.hpp"
#include "../../qasm_reader.hpp"
#include "../../statevector.hpp"
#include "core/circuit/circuit_compiler.hpp"
#include "core/circuit/circuit_lowering.hpp"
#include "core/circuit/circuit_qasm.hpp"
#include "core/circuit/circuit_quirk.hpp"
#include "core/rng.hpp"

using namespace hqnn;
using namespace hqnn::testing;

namespace {

std::vector<double> random_values(int count, uint64_t seed, double lo, double hi) {
  Rng rng(seed);
  std::vector<double> v(static_cast<size_t>(count));
  for (double& x : v) x = rng.uniform(lo, hi);
  return v;
}

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

TEST(CircuitQasm, ProgramReadsBackToTheSameGatesAndState) {
  const int n = 13;
  const Circuit prep = lower_to_qelib1(amplitude_preparation(random_values(n, 1, -1, 1)));
  const Circuit layer = lower_to_qelib1(compile_givens_chain(random_values(2 * n - 3, 2, -kPi, kPi), n),
                                        MultiControl::ancilla_chain);
  const std::string qasm = write_openqasm({{"prep", prep}, {"U_0", layer}}, {"first line", "second line"});
  EXPECT_EQ(qasm.rfind("// first line\n// second line\nOPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[5];\n// prep\n", 0), 0u)
      << qasm.substr(0, 200);
  EXPECT_NE(qasm.find("barrier q;\n// U_0\n"), std::string::npos);
  const Circuit read = read_qasm(qasm);
  EXPECT_EQ(read.qubits, layer.total_qubits());  // 4 data qubits and 1 ancilla (3 controls)
  ASSERT_EQ(read.gates.size(), prep.gates.size() + layer.gates.size());
  Statevector expected(layer.total_qubits()), actual(read.qubits);
  expected.run(prep);
  expected.run(layer);
  actual.run(read);
  for (size_t k = 0; k < expected.amplitudes().size(); ++k)
    EXPECT_EQ(actual.amplitudes()[k], expected.amplitudes()[k]) << k;  // 17 digits: the same doubles
}

TEST(CircuitQasm, WriterRefusesGatesOutsideQelib1) {
  const Circuit high = compile_givens_chain({0.1, 0.2, 0.3}, 3);
  EXPECT_THROW(write_openqasm({{"U", high}}, {}), std::logic_error);
}

TEST(CircuitQuirk, ColumnsHoldControlsAntiControlsAndFormulaRotations) {
  // n = 3, one gate on pair (0, 1): RY(2·0.5) on q[0] while q[1] is |0⟩; then
  // pair (1, 2) after the ladder cx q[1] -> q[0]; amplitudes shown at the end.
  const Circuit c = compile_givens_chain({0.25, 0.5, 0.75}, 3);
  const std::string json = quirk_json({{"U", c}});
  EXPECT_EQ(json.rfind("{\"cols\":[[{\"id\":\"Ryft\",\"arg\":\"1.5\"},\"◦\"],", 0), 0u) << json;
  EXPECT_NE(json.find("[\"X\",\"•\"],[\"•\",{\"id\":\"Ryft\",\"arg\":\"1\"}],[\"X\",\"•\"]"), std::string::npos) << json;
  EXPECT_NE(json.find("[\"Amps2\"]]}"), std::string::npos) << json;
}

TEST(CircuitQuirk, WideFormulaGatesGetEmptyColumnsBehindThem) {
  // "0.1" fits one column; 17 digits take ⌈(19 + 1) / 5⌉ = 4 columns.
  EXPECT_EQ(quirk_json({{"ry", Circuit{1, 0, {Gate::rotation_y(0, 0.1)}}}}),
            "{\"cols\":[[{\"id\":\"Ryft\",\"arg\":\"0.10000000000000001\"}],[],[],[],[\"Amps1\"]]}");
  EXPECT_EQ(quirk_json({{"ry", Circuit{1, 0, {Gate::rotation_y(0, 0.5)}}}}),
            "{\"cols\":[[{\"id\":\"Ryft\",\"arg\":\"0.5\"}],[\"Amps1\"]]}");
}

TEST(CircuitQuirk, LinkIsThePercentEncodedJson) {
  const std::vector<CircuitPart> parts{{"prep", amplitude_preparation({0.5, -0.5, 0.5})}};
  const std::string url = quirk_url(parts);
  const std::string prefix = "https://algassert.com/quirk#circuit=";
  ASSERT_EQ(url.rfind(prefix, 0), 0u);
  const std::string encoded = url.substr(prefix.size());
  EXPECT_EQ(encoded.find_first_of("{}\"[],:"), std::string::npos);
  EXPECT_EQ(percent_decode(encoded), quirk_json(parts));
}

TEST(BadInputs, QuirkCircuitAboveSixteenQubits) {
  const Circuit wide{17, 0, {Gate::not_gate(16)}};
  expect_catalogued(input_error_of([&] { quirk_json({{"wide", wide}}); }),
                    "Quirk simulates at most 16 qubits; this circuit has 17 (use --format qasm)");
}

TEST(BadInputs, GrayCodeCircuitTooLarge) {
  Gate g{GateKind::mcry, 0, {}, {}, {1.0}};
  for (int b = 1; b <= 30; ++b) {
    g.controls.push_back(b);
    g.control_values.push_back(1);
  }
  const Circuit c{31, 0, {g}};
  expect_catalogued(input_error_of([&] { lower_to_qelib1(c, MultiControl::gray_code); }),
                    "the circuit would have about 2147483648 gates with gray-code multi-controlled rotations (at most "
                    "20000000); use --multi-control ancilla-chain");
  EXPECT_NO_THROW(lower_to_qelib1(c, MultiControl::fewest_cnots));
}
