#include "url_state.hpp"

#include <algorithm>

#include "core/input_error.hpp"
#include "core/settings/field_codecs.hpp"
#include "run/options/option_table.hpp"

namespace hqnn::app {

// [SECTION] Datasets -----------------------------------------------------------------------

const std::vector<PlaygroundDataset>& playground_datasets() {
  static const std::vector<PlaygroundDataset> sets = {
      {"iris", "iris"}, {"fashion-mnist-subset", "Fashion"}, {"mnist-subset", "MNIST"}};
  return sets;
}

const std::vector<std::string>& playground_dataset_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const PlaygroundDataset& d : playground_datasets()) n.push_back(d.name);
    return n;
  }();
  return names;
}

bool is_image_dataset(const std::string& dataset) { return run::data_kind_of(dataset) == run::DataKind::image; }

PlaygroundSettings default_settings(run::DataKind kind) {
  PlaygroundSettings s;
  s.run = run::default_spec(kind);
  s.arena_model = kind == run::DataKind::image ? ModelKind::cnn_leaky : ModelKind::mlp_leaky;
  s.sweep = sweep_options_for(s.run);
  return s;
}

// The playground ships only the committed image subsets: a link to a full set
// shows its subset, and says so; any other image set cannot be shown.
static void fit_image_set_to_playground(PlaygroundSettings& s, std::vector<std::string>& errors) {
  if (!s.image()) return;
  const std::string name = s.dataset();
  const auto& names = playground_dataset_names();
  const auto shipped = [&](const std::string& n) { return std::find(names.begin(), names.end(), n) != names.end(); };
  if (shipped(name)) return;
  if (shipped(name + "-subset")) {  // fashion-mnist, mnist: the full set of a committed subset
    s.run.data.name = name + "-subset";
    errors.push_back("data: the playground has the committed " + s.run.data.name + " only (hqnn train --data " + name +
                     " trains on the full set); showing the subset");
    return;
  }
  std::string shown;
  for (const std::string& n : names) shown += n + ", ";
  errors.push_back("data: the playground shows " + shown.substr(0, shown.size() - 2) + " or your CSV, not " + name +
                   " (the CLI trains on it: hqnn train --data " + name + ")");
  const std::vector<std::string> kept_panels = s.panels;
  const bool embed = s.embed, autoplay = s.autoplay;
  s = default_settings(run::DataKind::tabular);
  s.panels = kept_panels, s.embed = embed, s.autoplay = autoplay;
}

// A map that cannot run is reported; it starts from the sweep its run suggests, or (image data) is closed.
static void fit_map_to_run(PlaygroundSettings& s, std::vector<std::string>& errors) {
  if (!s.map) return;
  try {
    validate_sweep(s.sweep, s.run);
  } catch (const InputError& e) {
    errors.push_back(e.what());
    s.sweep = sweep_options_for(s.run);
    if (s.image()) s.map = false;
  }
}

// [SECTION] View keys ----------------------------------------------------------------------

static OptionValue panels_value(const PlaygroundSettings& s) {
  std::string text;
  for (size_t i = 0; i < s.panels.size(); ++i) text += (i ? "," : "") + s.panels[i];
  return OptionValue{0, text, {}};
}

// Panel ids are plain words; anything else could not be written back into a link as is.
static void set_panels(PlaygroundSettings& s, const OptionValue& v) {
  std::vector<std::string> panels;
  size_t start = 0;
  while (start <= v.text.size()) {
    const size_t end = std::min(v.text.find(',', start), v.text.size());
    if (end > start) panels.push_back(v.text.substr(start, end - start));
    start = end + 1;
  }
  for (const std::string& p : panels)
    if (p.size() > 32 || !std::all_of(p.begin(), p.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }))
      throw InputError("'" + p + "' is not a panel name (letters a-z, digits, '_' and '-')");
  s.panels = std::move(panels);
}

const std::vector<Field<PlaygroundSettings>>& view_fields() {
  using P = PlaygroundSettings;
  static const std::vector<Field<P>> rows = [] {
    std::vector<Field<P>> r = {
        field<P>("fx", "fx", "", integer(0, 4095), bind_field<P>(&P::feature_x)),
        field<P>("fy", "fy", "", integer(0, 4095), bind_field<P>(&P::feature_y)),
        field<P>("sample", "sample", "", integer(0, 1 << 30), bind_field<P>(&P::sample)),
        field<P>("arena", "arena", "", flag(), bind_field<P>(&P::arena)),
        field<P>("arena_model", "arena_model", "", run::option_row("model"),
                 bind_enum<P, ModelKind>(&P::arena_model)),
        field<P>("map", "map", "", flag(), bind_field<P>(&P::map)),
    };
    r[3].applies = r[4].applies = [](const P& s) { return s.arena; };
    r[5].applies = [](const P& s) { return s.map; };
    for (const auto& f : sweep_fields()) r.push_back(lifted<P>(f, &P::sweep, [](const P& s) { return s.map; }));
    r.push_back(field<P>("play", "play", "", flag(), bind_field<P>(&P::autoplay)));
    r.back().applies = [](const P& s) { return s.autoplay; };
    r.push_back(field<P>("embed", "embed", "", flag(), bind_field<P>(&P::embed)));
    r.back().applies = [](const P& s) { return s.embed; };
    r.push_back(field<P>("panels", "panels", "", text(), {panels_value, set_panels}));
    r.back().applies = [](const P& s) { return !s.panels.empty(); };
    return r;
  }();
  return rows;
}

// Reads one view key into the settings; returns an error message, empty on success.
static std::string read_view_key(const std::string& key, const std::string& value, PlaygroundSettings& s) {
  const Field<PlaygroundSettings>* row = field_by_link_key(view_fields(), key);
  if (!row) return "unknown setting '" + key + "'";
  return read_link_key(*row, key, value, s);
}

// [SECTION] Parse and serialise ------------------------------------------------------------

static ParsedHash parse_fields(const std::string& hash) {
  ParsedHash parsed;
  run::ParsedLink link;
  try {
    link = run::parse_link(hash);
  } catch (const InputError& e) {
    parsed.settings = default_settings(run::DataKind::tabular);
    parsed.errors.push_back(e.what());
    return parsed;
  }
  parsed.settings = default_settings(link.spec.data_kind());
  parsed.settings.run = link.spec;
  parsed.settings.sweep = sweep_options_for(link.spec);
  parsed.errors = link.errors;
  for (const auto& [key, value] : link.other) {
    const std::string error = read_view_key(key, value, parsed.settings);
    if (!error.empty()) parsed.errors.push_back(error);
  }
  fit_image_set_to_playground(parsed.settings, parsed.errors);
  fit_map_to_run(parsed.settings, parsed.errors);
  return parsed;
}

// The settings as their own link reads them, so that a link always reads as
// what it shows: the run as read (a link carries every run option that
// applies), the view keys that apply, and the defaults of the rest (a key that
// does not apply, e.g. arena_model without arena, is not written, so it is not
// kept either).
static PlaygroundSettings as_its_link_reads(const PlaygroundSettings& s) {
  PlaygroundSettings out = default_settings(s.run.data_kind());
  out.run = s.run;
  out.sweep = sweep_options_for(s.run);
  for (const Field<PlaygroundSettings>& f : view_fields())
    if (field_applies(f, s)) f.set(out, f.get(s));
  return out;
}

ParsedHash parse_hash(const std::string& hash) {
  ParsedHash parsed = parse_fields(hash);
  parsed.settings = as_its_link_reads(parsed.settings);
  return parsed;
}

std::string to_hash(const PlaygroundSettings& s) { return run::to_link(s.run) + fields_link(view_fields(), s); }

bool same_settings(const PlaygroundSettings& a, const PlaygroundSettings& b) {
  return run::same_run(a.run, b.run) && same_fields(view_fields(), a, b);
}

}  // namespace hqnn::app
