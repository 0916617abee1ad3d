// Every profile of `hqnn reproduce` by name, and the runs it expands to: the
// paper's grid (reproduce_grid.hpp), the robustness map (robustness_map.hpp)
// and the controlled study (study_profile.hpp). It sits above the three, so
// that none of them includes another's header.
//
// The profile table below defines each profile's name: the --profile parser,
// its "did you mean", the --tiny / --quick / --full flags, the profile lines
// of the help and the error messages read it. Prose (the families' paragraph
// of the help, the study report's text, examples) still names profiles.
#pragma once

#include <string>
#include <vector>

#include "reproduce_grid.hpp"

namespace hqnn::cli {

enum class ProfileFamily { paper, robustness, study };

struct ProfileRow {
  const char* name;      // as --profile takes it
  ProfileFamily family;  // what it builds ...
  ProfileSize size;      // ... and how much of it
  bool flag;             // also a bare option of its own (--tiny, --quick, --full)
  bool is_default;       // the profile run without --profile (one row)
  const char* help;      // one line for --help
};

// In the order the help and the messages list them.
const std::vector<ProfileRow>& profile_table();
std::vector<std::string> profile_names();
const ProfileRow* find_profile(const std::string& name);  // nullptr: no such profile
const ProfileRow& default_profile();
// The help's "profiles:" section: one line per profile, then what each family runs.
std::string profiles_help();

// cifar100_dir: "" leaves CIFAR-100 out (only the paper's profiles take it).
// seeds > 0 replaces the profile's seed counts (every data set then runs seeds
// 1..seeds); 0 keeps them. An unknown name is an InputError.
ReproduceProfile reproduce_profile(const std::string& name, const std::string& cifar100_dir, int seeds = 0);

// In a fixed order: shards are slices of this order.
std::vector<GridRun> reproduce_grid(const ReproduceProfile& profile);

}  // namespace hqnn::cli
