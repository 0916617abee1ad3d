#include "grid_shard.hpp"

#include <algorithm>

#include "core/dataset.hpp"
#include "core/json.hpp"
#include "core/state_json.hpp"
#include "text_file.hpp"

namespace hqnn::cli {

namespace fs = std::filesystem;

GridShard parse_grid_shard(const std::string& s) {
  GridShard g;
  const size_t slash = s.find('/');
  const auto whole_number = [](const std::string& t, int& out) {  // digits only, at most 6 of them
    if (t.empty() || t.size() > 6 || !std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    out = std::stoi(t);
    return true;
  };
  if (slash == std::string::npos || !whole_number(s.substr(0, slash), g.index) ||
      !whole_number(s.substr(slash + 1), g.count) || g.count < 1 || g.index < 1 || g.index > g.count)
    throw InputError("--shard: expected I/N with 1 <= I <= N, got '" + s + "'");
  return g;
}

int shard_of_position(size_t position, int count) {
  return static_cast<int>(position % static_cast<size_t>(count)) + 1;
}

int shard_of_grid_run(const std::vector<GridRun>& grid, size_t position, int count) {
  const int unit = grid[position].unit;
  return shard_of_position(unit >= 0 ? static_cast<size_t>(unit) : position, count);
}

void write_shard_manifest(const fs::path& dir, const ShardManifest& m) {
  Json meta = Json::object();
  meta.set("profile", m.profile);
  meta.set("cifar100", m.cifar100);
  meta.set("seeds", m.seeds);
  meta.set("shard", m.shard.index);
  meta.set("shards", m.shard.count);
  write_text(dir / "shard.json", meta.dump(2));
}

ShardManifest read_shard_manifest(const fs::path& dir) {
  const fs::path path = dir / "shard.json";
  const std::string ctx = path.string();
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw InputError("--merge " + dir.string() + ": no such folder (name the --out folders the shards wrote)");
  if (!fs::exists(path, ec))
    throw InputError("--merge " + dir.string() + ": not a shard's folder (it has no shard.json; name the --out folder " +
                     "of a hqnn reproduce --shard I/N run)");
  const Json j = Json::parse(read_text(path), ctx);
  ShardManifest m;
  m.profile = j.at("profile", ctx).as_string();
  m.cifar100 = j.at("cifar100", ctx).as_string();
  if (const Json* seeds = j.get("seeds")) m.seeds = static_cast<int>(whole_number_of(*seeds, 0, kMaxReproduceSeeds, ctx + ": seeds"));
  m.shard.count = static_cast<int>(whole_number_of(j.at("shards", ctx), 1, 999999, ctx + ": shards"));
  m.shard.index = static_cast<int>(whole_number_of(j.at("shard", ctx), 1, m.shard.count, ctx + ": shard"));
  return m;
}

}  // namespace hqnn::cli
