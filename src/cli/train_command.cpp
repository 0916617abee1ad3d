#include "train_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "checkpoint.hpp"
#include "core/model_io.hpp"
#include "core/state_json.hpp"
#include "experiment.hpp"
#include "report.hpp"
#include "run/option_table.hpp"

namespace hqnn::cli {

namespace fs = std::filesystem;

static const std::vector<run::CommandOption>& train_extras() {
  static const std::vector<run::CommandOption> extras = {
      {"link", true, "URL", "run exactly the playground link's run (a URL or '#...'); other options override it"},
      {"out", true, "FILE.json", "save the trained model (hqnn eval --model FILE.json evaluates it)"},
      {"checkpoint", true, "FILE", "save the whole run after every epoch"},
      {"resume", true, "FILE", "continue a checkpointed run bit for bit (only --epochs may change)"},
      {"json", false, "", "one JSON object on stdout instead of tables (progress stays on stderr)"},
      {"quiet", false, "", "no progress lines"},
  };
  return extras;
}

std::string train_help() {
  return run::command_help(run::kTrain,
                           "usage: hqnn train [options]\n\nTrains a model and prints its metrics. Defaults depend on the "
                           "data:\ntabular (iris, CSV) or image sets (D6, D9, D13).\n",
                           train_extras(),
                           "\nexamples:\n"
                           "  hqnn train --model qdfnn --epochs 100 --out qdfnn.json\n"
                           "  hqnn train --data my.csv --label species --scale auto --json > run.json\n"
                           "  hqnn train --data fashion-mnist --classes 0,1,2,3 --model qdcnn --epochs 5\n"
                           "  hqnn train --link 'http://127.0.0.1:8080/#data=iris&model=qrfnn&seed=3'\n"
                           "  hqnn train --data fashion-mnist --epochs 20 --checkpoint run.ckpt\n"
                           "  hqnn train --resume run.ckpt --epochs 40\n");
}

void check_writable(const std::string& path, const std::string& option) {
  const fs::path p(path);
  std::error_code ec;
  if (fs::is_directory(p, ec)) throw InputError(option + " " + path + ": is a directory; give a file name");
  const bool existed = fs::exists(p, ec);
  {
    std::ofstream f(path, std::ios::binary | std::ios::app);
    if (!f)
      throw InputError(option + " " + path + ": cannot write there (does the folder exist, and may you write to it?)");
  }
  if (!existed) fs::remove(p, ec);
}

// The value of --name in argv ("" when absent), before the full parse.
static std::string value_of(const std::vector<std::string>& argv, const std::string& name) {
  for (size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == "--" + name && i + 1 < argv.size()) return argv[i + 1];
    if (argv[i].rfind("--" + name + "=", 0) == 0) return argv[i].substr(name.size() + 3);
  }
  return "";
}

static run::RunSpec spec_of_link(const std::string& link) {
  const run::ParsedLink parsed = run::parse_link(link);
  std::string problems;
  for (const std::string& e : parsed.errors) problems += (problems.empty() ? "" : "; ") + e;
  const auto& view = run::link_view_keys();
  for (const auto& [key, value] : parsed.other)
    if (std::find(view.begin(), view.end(), key) == view.end())
      problems += (problems.empty() ? "" : "; ") + ("unknown setting '" + key + "'");
  if (!problems.empty()) throw InputError("--link: " + problems);
  return parsed.spec;
}

static void print_header(std::FILE* err, const run::RunSpec& spec, const run::PreparedData& data) {
  std::fprintf(err, "training %s (L=%d) on %s (%s): %ld train / %ld test samples, %d epochs, batch %d, lr %g, scaling %s\n",
               model_kind_name(spec.model.kind), spec.model.layers, data.name.c_str(), data.source.c_str(),
               static_cast<long>(data.train.size()), static_cast<long>(data.test.size()), spec.train.epochs,
               spec.train.batch, spec.train.optimizer.lr, scaling_kind_name(data.scaling));
  if (data.scaling_choice) {
    const auto& v = data.scaling_choice->validation_accuracy;
    std::fprintf(err, "  --scale auto: validation accuracy none %.4f, standard %.4f, minmax %.4f -> %s\n", v[0], v[1], v[2],
                 scaling_kind_name(data.scaling));
  }
}

static void print_tables(std::FILE* out, const run::RunSpec& spec, const run::PreparedData& data,
                         const ExperimentResult& r) {
  const auto& class_names = data.train.class_names;
  std::fprintf(out, "\n%s on %s  (L=%d, n=%d, %lld parameters, %d epochs, scaling %s, %.2f s, %.2f s CPU)\n",
               model_kind_name(spec.model.kind), data.name.c_str(), spec.model.layers, r.width, r.parameters,
               spec.train.epochs, scaling_kind_name(data.scaling), r.seconds, r.cpu_seconds);
  if (spec.noise)
    std::fprintf(out, "  dataset noise: %s, magnitude %g, fraction up to %g, on %s (%lld noisy values)\n",
                 noise_kind_name(spec.noise->kind), spec.noise->magnitude, spec.noise->max_fraction,
                 spec.noise->train && spec.noise->test ? "train and test" : spec.noise->train ? "train" : "test",
                 r.noisy_values);
  if (spec.attack) {
    std::string layers;
    for (int l : r.attacked_layers) layers += (layers.empty() ? "" : ",") + std::to_string(l);
    std::fprintf(out, "  attack: form %s, %s, magnitude %g, %s, layers %s%s\n", attack_form_name(spec.attack->form),
                 noise_kind_name(spec.attack->noise), spec.attack->magnitude, attack_mode_name(spec.attack->mode),
                 layers.c_str(), spec.attack_epoch > 0 ? (", from epoch " + std::to_string(spec.attack_epoch + 1)).c_str() : "");
  }
  std::fprintf(out, "\n  train accuracy %.4f   loss %.4f\n", r.train_eval.accuracy, r.train_eval.loss);
  std::fprintf(out, "  test  accuracy %.4f   loss %.4f\n", r.test_eval.accuracy, r.test_eval.loss);
  std::fprintf(out, "  over the %d evaluation points: test accuracy %.4f +- %.4f, mean test loss %.4f\n\n", r.stats.points,
               r.stats.accuracy_mean, r.stats.accuracy_sd, r.stats.loss_mean);
  std::fprintf(out, "%s\n%s", report_table(r.final_report, class_names).c_str(),
               statistics_table(r.stats, class_names).c_str());
  if (r.divergence.diverged)
    std::fprintf(out, "\n  diverged: the %s%s became NaN/Inf at step %ld (epoch %d); training went on\n",
                 r.divergence.what.c_str(), r.divergence.block.empty() ? "" : (" of " + r.divergence.block).c_str(),
                 r.divergence.step, r.divergence.epoch);
}

int train_command(const std::vector<std::string>& argv, std::FILE* out, std::FILE* err) {
  // --resume FILE: the run comes from the checkpoint; --link URL: from the link.
  const std::string resume_path = value_of(argv, "resume"), link = value_of(argv, "link");
  if (!resume_path.empty() && !link.empty()) throw InputError("give either --resume FILE or --link URL, not both");
  std::optional<CheckpointFile> resume;
  std::optional<run::RunSpec> base;
  if (!resume_path.empty()) {
    resume = read_checkpoint_file(resume_path);
    base = resume->spec;
  } else if (!link.empty()) {
    base = spec_of_link(link);
  }
  const run::CommandLine cl = run::parse_command_line(argv, run::kTrain, train_extras(), base ? &*base : nullptr);
  if (resume)
    for (const std::string& name : cl.given)
      if (name != "epochs" && run::option_row(name).changes_results)
        throw InputError("--" + name + " cannot be changed when resuming: the run's options come from the checkpoint "
                         "(only --epochs, --threads, --checkpoint, --out, --json and --quiet may be given with --resume)");
  const run::RunSpec& spec = cl.spec;
  const bool json = cl.has("json"), progress = !cl.has("quiet");
  // A resumed run goes on saving to its checkpoint unless told otherwise.
  const std::string checkpoint_path = cl.str("checkpoint", resume_path), model_path = cl.str("out");
  if (!model_path.empty()) check_writable(model_path, "--out");
  if (!checkpoint_path.empty()) check_writable(checkpoint_path, "--checkpoint");

  run::RunLoop loop(spec, run::prepare_data(spec));
  const run::PreparedData& data = loop.data();
  if (progress) print_header(err, spec, data);
  const bool tty = isatty(fileno(err)) != 0;
  ExperimentProgress prog;
  if (progress) {
    // On a terminal one line is redrawn; in a log, image runs print every epoch
    // and tabular runs every 10th.
    prog.on_epoch = [&](const EpochRecord& rec) {
      if (tty)
        std::fprintf(err, "\r%-100s", epoch_line(rec, spec.train.epochs).c_str());
      else if (data.image() || rec.epoch % 10 == 0 || rec.epoch == spec.train.epochs || !rec.finite)
        std::fprintf(err, "%s\n", epoch_line(rec, spec.train.epochs).c_str());
    };
    if (tty && data.image())
      prog.on_step = [&](int epoch, long step, long steps) {
        if (step % 10 == 0) std::fprintf(err, "\repoch %4d/%-4d  step %ld/%ld%-60s", epoch, spec.train.epochs, step, steps, "");
      };
  }
  ExperimentCheckpoints checkpoints;
  if (resume) {
    checkpoints.resume = &resume->run;
    const long long saved_epoch = whole_number_of(resume->run.at("epoch", "checkpoint"), 0, 1LL << 31, "checkpoint epoch");
    if (saved_epoch > spec.train.epochs)
      throw InputError(resume_path + " was saved after epoch " + std::to_string(saved_epoch) + "; --epochs " +
                       std::to_string(spec.train.epochs) + " would end before it (give --epochs " +
                       std::to_string(saved_epoch) + " or more)");
    if (progress) std::fprintf(err, "resuming %s after epoch %lld of %d\n", resume_path.c_str(), saved_epoch, spec.train.epochs);
  }
  if (!checkpoint_path.empty())
    checkpoints.on_epoch = [&](const Json& state) { write_checkpoint_file(checkpoint_path, {spec, state}); };
  const ExperimentResult r = drive_run(loop, prog, checkpoints);
  if (progress && tty) std::fprintf(err, "\n");
  if (!model_path.empty()) save_model(model_path, loop.model(), run::model_info(spec, data, r));

  if (json) {
    Json j = run::run_json(spec, data, r, loop.model());
    if (!model_path.empty()) j.set("model_file", model_path);
    std::fprintf(out, "%s\n", j.dump(2).c_str());
  } else {
    print_tables(out, spec, data, r);
    if (!model_path.empty())
      std::fprintf(out, "\n  model saved to %s  (evaluate it: hqnn eval --model %s)\n", model_path.c_str(), model_path.c_str());
  }
  return 0;
}

}  // namespace hqnn::cli
