// The playground's settings and their URL-hash form.
//
// A link is a run: every option of the run is a row of the run's option table
// (src/run/options/option_rows.hpp), which reads and writes it, so the same link
// replays the same run in the playground and on the command line
// (hqnn train --link '<link>'). How the page shows the run is described here
// with the same rows (view_fields(): fx, fy, sample, arena, arena_model, map
// and the sweep's map_* keys (magnitude_sweep.hpp), play, embed, panels), so
// the run library's codecs read, write and compare them too; `lesson` is read
// first, by lessons.hpp.
//
// e.g. #data=iris&model=qdfnn&L=2&width=0&...&seed=1&fx=2&fy=3&sample=0&play=1
// A link that names an image set starts from the image defaults (run_spec.hpp).
// This file has no UI code, so tests can use it alone.
#pragma once

#include <string>
#include <vector>

#include "core/model.hpp"
#include "magnitude_sweep.hpp"
#include "core/settings/field.hpp"
#include "run/run_spec.hpp"

namespace hqnn::app {

// The data the playground ships by name: iris and the committed image subsets.
// Any other tabular name is the user's CSV, which only its owner has. This
// table is the one list: the data buttons, the link check and its message read it.
struct PlaygroundDataset {
  const char* name;   // the run's data name, as links write it
  const char* label;  // its button
};
const std::vector<PlaygroundDataset>& playground_datasets();
const std::vector<std::string>& playground_dataset_names();  // the names of playground_datasets()
bool is_image_dataset(const std::string& dataset);

struct PlaygroundSettings {
  run::RunSpec run = run::default_spec(run::DataKind::tabular);
  // How the page shows the run (the view keys above); none of them changes the run.
  int feature_x = 2, feature_y = 3;   // decision boundary axes (petal length / width for iris)
  int sample = 0;                     // test-set sample shown in the state viewer
  bool autoplay = false;
  bool embed = false;
  std::vector<std::string> panels;    // embed: the panels to show (empty: the embed default)
  bool arena = false;                 // train arena_model beside the run's model on the same data and attack
  ModelKind arena_model = ModelKind::mlp_leaky;
  bool map = false;                   // the live robustness map: `sweep` over the run's data, started on load
  SweepOptions sweep;                 // written to the link only with the map

  const std::string& dataset() const { return run.data.name; }
  bool image() const { return run.data_kind() == run::DataKind::image; }
};

// The playground's own link keys (none of them changes the run), as rows.
const std::vector<Field<PlaygroundSettings>>& view_fields();

// The starting point for a kind of data: the run's defaults (run::default_spec),
// a classical arena model that fits the data, and the sweep the run suggests.
PlaygroundSettings default_settings(run::DataKind kind);

struct ParsedHash {
  PlaygroundSettings settings;
  std::vector<std::string> errors;    // one per unusable key or value; the rest still applies
};

// Parses "#key=value&..." or a whole URL (the leading '#' is optional) in one
// pass. Unknown keys and bad values are reported and skipped; the defaults fill
// every key not given, and every view key that does not apply (as the
// settings' own link would read).
ParsedHash parse_hash(const std::string& hash);

// The hash of `settings`, starting with '#': the run's link (run::to_link)
// and the view keys. parse_hash(to_hash(s)) gives s again.
std::string to_hash(const PlaygroundSettings& settings);

// The same run (run::same_run over every option) shown the same way.
bool same_settings(const PlaygroundSettings& a, const PlaygroundSettings& b);

}  // namespace hqnn::app
