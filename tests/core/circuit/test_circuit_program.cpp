// A model's layers as one program (circuit_program.hpp): the parts, their
// lowered forms and counts line up, and the header says what the reader needs.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/circuit/circuit_program.hpp"
#include "core/quantum_stack.hpp"
#include "core/rng.hpp"

using namespace hqnn;

namespace {

QuantumStack make_stack(SkipTopology topology, int n) {
  QuantumStackOptions o;
  o.topology = topology;
  o.width = n;
  o.layers = 2;
  Rng rng(3);
  return QuantumStack("q", o, rng);
}

bool has_line(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

}  // namespace

TEST(CircuitProgram, PartsLoweredFormsAndCountsLineUp) {
  const QuantumStack stack = make_stack(SkipTopology::dense, 13);
  const CircuitProgram p =
      compile_program(stack, {1}, std::vector<double>(13, 0.5), MultiControl::ancilla_chain);
  EXPECT_EQ(p.qubits, 4);
  EXPECT_EQ(p.ancillas, 1);  // 3 controls: one ancilla
  ASSERT_EQ(p.parts.size(), 2u);
  ASSERT_EQ(p.lowered.size(), 2u);
  ASSERT_EQ(p.stats.size(), 2u);
  EXPECT_EQ(p.parts[1].label, "U_1: 23 Givens rotations, the V chain of Eq. (5)");
  EXPECT_EQ(p.stats[1].cnots, circuit_stats(p.lowered[1].circuit).cnots);
  EXPECT_EQ(p.stats[1].depth, circuit_stats(p.lowered[1].circuit).depth);
  const std::vector<std::string> header = program_header(p, stack, "m.json");
  EXPECT_EQ(header[0], "hqnn circuit: m.json: amplitude encoding of the input, then U_1 in this order");
  EXPECT_TRUE(has_line(header, "padding: n = 13 is not a power of two; amplitudes 13..15 start at 0 and stay 0"));
  EXPECT_TRUE(has_line(header, "ancillas: q[4..4] start and end in |0>"));
  EXPECT_TRUE(has_line(header, "multi-controlled RY: ancilla-chain, 10 CNOTs and 1 ancillas per rotation"));
  EXPECT_TRUE(has_line(header, "the dense skip sums of Eq. (7)/(8) are not unitary"));
}

TEST(CircuitProgram, PlainLayersWithoutInputHaveNoPreparationOrSkipNote) {
  const QuantumStack stack = make_stack(SkipTopology::plain, 8);
  const CircuitProgram p = compile_program(stack, {0, 1}, std::nullopt);
  EXPECT_FALSE(p.has_preparation);
  EXPECT_EQ(p.parts.size(), 2u);
  const std::vector<std::string> header = program_header(p, stack, "t.json");
  EXPECT_EQ(header[0], "hqnn circuit: t.json: U_0, U_1 in this order");
  EXPECT_FALSE(has_line(header, "padding"));
  EXPECT_FALSE(has_line(header, "skip sums"));
}
