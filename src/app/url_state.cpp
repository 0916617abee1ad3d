#include "url_state.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>

#include "core/input_error.hpp"
#include "run/options/option_table.hpp"

namespace hqnn::app {

// [SECTION] Datasets -----------------------------------------------------------------------

const std::vector<std::string>& playground_dataset_names() {
  static const std::vector<std::string> names = {"iris", "fashion-mnist-subset", "mnist-subset"};
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
  if (std::find(names.begin(), names.end(), name) != names.end()) return;
  if (name == "fashion-mnist" || name == "mnist") {
    s.run.data.name = name + "-subset";
    errors.push_back("data: the playground has the committed " + s.run.data.name + " only (hqnn train --data " + name +
                     " trains on the full set); showing the subset");
    return;
  }
  errors.push_back("data: the playground shows iris, fashion-mnist-subset, mnist-subset or your CSV, not " + name +
                   " (the CLI trains on it: hqnn train --data " + name + ")");
  const std::vector<std::string> kept_panels = s.panels;
  const bool embed = s.embed, autoplay = s.autoplay;
  s = default_settings(run::DataKind::tabular);
  s.panels = kept_panels, s.embed = embed, s.autoplay = autoplay;
}

// [SECTION] Values -------------------------------------------------------------------------

static bool parse_whole(const std::string& text, long long lo, long long hi, long long& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || v < lo || v > hi) return false;
  out = v;
  return true;
}

static bool parse_switch(const std::string& text, bool& out) {
  if (text == "1" || text == "true" || text == "on" || text.empty()) return out = true, true;
  if (text == "0" || text == "false" || text == "off") return out = false, true;
  return false;
}

static std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(',', start), text.size());
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// [SECTION] The live map's keys ------------------------------------------------------------

// Magnitudes read and written as the attack-magnitude option does (its range, the shortest digits, no '+').
static std::string magnitude_text(double magnitude) {
  run::RunSpec spec;
  spec.attack = run::default_attack();
  spec.attack->magnitude = magnitude;
  return run::option_text(run::option_row("attack-magnitude"), spec);
}

static std::string read_magnitude(const std::string& key, const std::string& value, double& out) {
  run::RunSpec spec;
  spec.attack = run::default_attack();
  try {
    run::set_option_text(spec, run::option_row("attack-magnitude"), value, key);
  } catch (const InputError& e) {
    return e.what();
  }
  out = spec.attack->magnitude;
  return {};
}

// Reads one map key (`known` false when `key` is none); returns an error message, empty on success.
static std::string read_map_key(const std::string& key, const std::string& value, SweepOptions& o, bool& known) {
  known = true;
  const auto model = [&](bool hybrid, ModelKind& field) -> std::string {
    const auto kind = parse_model_kind(value);
    if (!kind || is_convolutional(*kind) || is_hybrid(*kind) != hybrid)
      return key + ": expected " + (hybrid ? "tqfnn, qrfnn or qdfnn" : "one of " + sweep_classical_choices()) + ", got '" +
             value + "'";
    field = *kind;
    return {};
  };
  if (key == "map_hybrid") return model(true, o.hybrid);
  if (key == "map_classical") return model(false, o.classical);
  if (key == "map_form") {
    const auto form = parse_attack_form(value);
    if (!form) return key + ": expected inside (1) or outside (2), got '" + value + "'";
    o.form = *form;
    return {};
  }
  if (key == "map_mode") {
    const auto mode = parse_attack_mode(value);
    if (!mode) return key + ": expected " + attack_mode_choices() + ", got '" + value + "'";
    o.mode = *mode;
    return {};
  }
  if (key == "map_noise") {
    const auto noise = parse_noise_kind(value);
    if (!noise) return key + ": expected one of " + noise_kind_list() + ", got '" + value + "'";
    o.noise = *noise;
    return {};
  }
  if (key == "map_lo") return read_magnitude(key, value, o.lo);
  if (key == "map_hi") return read_magnitude(key, value, o.hi);
  long long v = 0;
  if (key == "map_points" || key == "map_seeds") {
    if (!parse_whole(value, -(1LL << 30), 1LL << 30, v)) return key + ": expected an integer, got '" + value + "'";
    (key == "map_points" ? o.points : o.seeds) = static_cast<int>(v);
    return {};
  }
  known = false;
  return {};
}

static std::string map_keys_hash(const SweepOptions& o) {
  return std::string("&map=1&map_hybrid=") + model_kind_name(o.hybrid) + "&map_classical=" +
         model_kind_name(o.classical) + "&map_form=" + attack_form_name(o.form) + "&map_mode=" +
         attack_mode_name(o.mode) + "&map_noise=" + noise_kind_name(o.noise) + "&map_lo=" + magnitude_text(o.lo) +
         "&map_hi=" + magnitude_text(o.hi) + "&map_points=" + std::to_string(o.points) +
         "&map_seeds=" + std::to_string(o.seeds);
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

// Reads one view key into the settings; returns an error message, empty on success.
static std::string read_view_key(const std::string& key, const std::string& value, PlaygroundSettings& s) {
  long long v = 0;
  const auto whole = [&](long long lo, long long hi, int& field) -> std::string {
    if (!parse_whole(value, lo, hi, v))
      return key + ": expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got '" + value + "'";
    field = static_cast<int>(v);
    return {};
  };
  const auto on_off = [&](bool& field) -> std::string {
    if (!parse_switch(value, field)) return key + ": expected 0 or 1, got '" + value + "'";
    return {};
  };
  if (key == "fx") return whole(0, 4095, s.feature_x);
  if (key == "fy") return whole(0, 4095, s.feature_y);
  if (key == "sample") return whole(0, 1 << 30, s.sample);
  if (key == "play") return on_off(s.autoplay);
  if (key == "embed") return on_off(s.embed);
  if (key == "arena") return on_off(s.arena);
  if (key == "map") return on_off(s.map);
  bool map_key = false;
  const std::string map_error = read_map_key(key, value, s.sweep, map_key);
  if (map_key) return map_error;
  if (key == "arena_model") {
    const auto kind = parse_model_kind(value);
    if (!kind) return key + ": expected one of " + model_kind_list() + ", got '" + value + "'";
    s.arena_model = *kind;
    return {};
  }
  if (key == "panels") {
    // panel ids are plain words; anything else could not be written back into a link as is
    std::vector<std::string> panels = split_list(value);
    for (const std::string& p : panels)
      if (p.size() > 32 || !std::all_of(p.begin(), p.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
          }))
        return "panels: '" + p + "' is not a panel name (letters a-z, digits, '_' and '-')";
    s.panels = std::move(panels);
    return {};
  }
  return "unknown setting '" + key + "'";
}

static std::string view_keys_hash(const PlaygroundSettings& s) {
  std::string h = "&fx=" + std::to_string(s.feature_x) + "&fy=" + std::to_string(s.feature_y);
  h += "&sample=" + std::to_string(s.sample);
  if (s.arena) h += std::string("&arena=1&arena_model=") + model_kind_name(s.arena_model);
  if (s.map) h += map_keys_hash(s.sweep);
  if (s.autoplay) h += "&play=1";
  if (s.embed) h += "&embed=1";
  if (!s.panels.empty()) {
    h += "&panels=";
    for (size_t i = 0; i < s.panels.size(); ++i) h += (i ? "," : "") + s.panels[i];
  }
  return h;
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

ParsedHash parse_hash(const std::string& hash) {
  ParsedHash parsed = parse_fields(hash);
  // Written back and read again, so that a link always reads as what it shows;
  // an error here is ours (a value this code cannot write back), not the user's.
  const ParsedHash canonical = parse_fields(to_hash(parsed.settings));
  for (const std::string& e : canonical.errors) parsed.errors.push_back("internal: " + e);
  parsed.settings = canonical.settings;
  return parsed;
}

std::string to_hash(const PlaygroundSettings& s) { return run::to_link(s.run) + view_keys_hash(s); }

bool same_settings(const PlaygroundSettings& a, const PlaygroundSettings& b) {
  return run::same_run(a.run, b.run) && view_keys_hash(a) == view_keys_hash(b);
}

}  // namespace hqnn::app
