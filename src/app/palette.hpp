// Every colour the playground draws with, in one table (as Dear ImGui's
// style colours): a panel names what a colour means and never writes one.
// Each meaning has its own colour, so that blue says "hybrid" wherever it is
// drawn and the train and test curves are not mistaken for the two models.
#pragma once

#include "imgui.h"

namespace hqnn::app {

enum class Colour {
  // Text
  error,            // what failed, diverged or is not finite; a gate far from a rotation
  warning,          // link problems, notes beside a circuit
  good,             // a right prediction
  heading,          // a lesson's title
  quiet,            // a value that is as it should be
  // Series: two pairs, never sharing a colour
  hybrid, classical,  // the arena's and the map's two models
  train, test,        // a run's two curves
  chance,             // the map's chance level
  not_finite,         // NaN and infinity in plots
  // Values with a sign (states, gradients): positive, negative, and zero between them
  positive, negative, zero,
  // Confusion matrix cells (their alpha grows with the share of the row)
  hit, miss,
  // Plot frames
  panel_background, plot_background, plot_frame, plot_grid, axis_text, axis_name, cursor,
  // Circuits and the state viewer
  wire, wire_label, gate, gate_text, marker,
  count
};

ImU32 colour(Colour c, float alpha = 1.0f);  // alpha multiplies the table's own
ImVec4 colour_vec4(Colour c);
const char* colour_name(Colour c);           // "error", "hybrid", ...

// Classes: 8 colours, repeated beyond 8 classes.
ImU32 class_colour(int c, float alpha = 1.0f);
// v in [-1, 1]: negative .. zero .. positive by magnitude; NaN and ±inf: not_finite.
ImU32 signed_colour(float v);

}  // namespace hqnn::app
