// The panels of the playground, one file each (panel_<name>.cpp).
#pragma once

#include <string>
#include <vector>

#include "core/model.hpp"

namespace hqnn::app {

class App;

void draw_toolbar(App& app);          // panel_toolbar.cpp: play / pause / step / reset, status
void draw_controls_panel(App& app);   // panel_controls.cpp: data, model and training options, files
void draw_curves_panel(App& app);     // panel_training.cpp: loss and accuracy curves
void draw_diagnostics_panel(App& app);// panel_training.cpp: confusion matrix, gradient norms, λ
void draw_boundary_panel(App& app);   // panel_boundary.cpp: decision boundary on two features
void draw_state_panel(App& app);      // panel_state.cpp: ψ0..ψL, V circuits, class probabilities
void draw_image_panel(App& app);      // panel_image.cpp: the input image (clean / noisy), the encoded vector
void draw_lab_panel(App& app);        // panel_lab.cpp: dataset noise, parameter attack, arena switch
void draw_arena_panel(App& app);      // panel_arena.cpp: hybrid vs classical, side by side
void draw_map_panel(App& app);        // panel_map.cpp: the live robustness map, accuracy against attack magnitude
void draw_lesson_panel(App& app);     // panel_lesson.cpp: the open guided lesson, Back / Next
// panel_qubits.cpp: the state viewer's qubit view of one layer (drawn inside draw_state_panel)
void draw_qubit_view(App& app);

// The model kinds offered for a dataset (panel_controls.cpp).
std::vector<ModelKind> playground_model_kinds(const std::string& dataset);

}  // namespace hqnn::app
