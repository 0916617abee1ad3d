#include "train_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "app/lessons.hpp"
#include "checkpoint.hpp"
#include "core/model_io.hpp"
#include "core/state_json.hpp"
#include "experiment.hpp"
#include "report.hpp"
#include "run/options/option_table.hpp"

namespace hqnn::cli {

namespace fs = std::filesystem;

static const std::vector<run::CommandOption>& train_extras() {
  static const std::vector<run::CommandOption> extras = {
      {"link", true, "URL", "run exactly the playground link's run (a URL or '#...'); other options override it"},
      {"out", true, "FILE.json", "save the trained model (hqnn eval --model FILE.json evaluates it)"},
      {"checkpoint", true, "FILE", "save the whole run after every epoch"},
      {"overwrite-checkpoint", false, "", "let --checkpoint replace a file that holds another run"},
      {"resume", true, "FILE",
       "continue a checkpointed run bit for bit; of the run's options only --epochs (more) and --threads may be given"},
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

static run::RunSpec spec_of_link(const std::string& link, std::FILE* err, bool quiet) {
  const std::string body = link.find('#') == std::string::npos ? link : link.substr(link.find('#') + 1);
  if (body.find_first_not_of("&") == std::string::npos)
    throw InputError("--link is empty: give the playground's address or its '#...' part, e.g. --link "
                     "'#data=iris&model=qrfnn' (without --link, hqnn train runs the default run)");
  const run::ParsedLink parsed = run::parse_link(link);
  std::string problems;
  for (const std::string& e : parsed.errors) problems += (problems.empty() ? "" : "; ") + e;
  const std::vector<std::string> view = app::view_link_keys();
  std::string shown;  // the playground's own keys (views, lesson, map): not part of the run
  for (const auto& [key, value] : parsed.other) {
    if (std::find(view.begin(), view.end(), key) == view.end())
      problems += (problems.empty() ? "" : "; ") + ("unknown setting '" + key + "'");
    else
      shown += (shown.empty() ? "" : ", ") + key;
  }
  if (!problems.empty()) throw InputError("--link: " + problems);
  if (!shown.empty() && !quiet)
    std::fprintf(err, "note: --link: %s only change what the playground shows (views, lesson, map), not the run; "
                      "hqnn train leaves them out\n", shown.c_str());
  return parsed.spec;
}

// The scaler fitted now must be the one the checkpoint's run was trained with, bit for bit.
static void check_same_scaling(const CheckpointScaling& saved, const run::PreparedData& data, const std::string& path) {
  bool same = saved.used == data.scaling && saved.scaler.has_value() == data.scaler.has_value();
  if (same && saved.scaler)
    same = saved.scaler->offset.size() == data.scaler->offset.size() &&
           std::memcmp(saved.scaler->offset.data(), data.scaler->offset.data(), sizeof(Real) * saved.scaler->offset.size()) == 0 &&
           std::memcmp(saved.scaler->scale.data(), data.scaler->scale.data(), sizeof(Real) * saved.scaler->scale.size()) == 0;
  if (!same)
    throw InputError(path + ": the data's feature scaling differs from the checkpoint's (has " + data.name +
                     " changed since?); resume with the data the run started on, or start the run again");
}

static void print_header(std::FILE* err, const run::RunSpec& spec, const run::PreparedData& data) {
  std::fprintf(err, "training %s (L=%d) on %s (%s): %ld train / %ld test samples, %s, batch %d, lr %g, scaling %s\n",
               model_kind_name(spec.model.kind), spec.model.layers, data.name.c_str(), data.source.c_str(),
               static_cast<long>(data.train.size()), static_cast<long>(data.test.size()),
               count_of(spec.train.epochs, "epoch", "epochs").c_str(),
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
  std::fprintf(out, "\n%s on %s  (L=%d, n=%d, %lld parameters, %s, scaling %s, %.2f s, %.2f s CPU)\n",
               model_kind_name(spec.model.kind), data.name.c_str(), spec.model.layers, r.width, r.parameters,
               count_of(spec.train.epochs, "epoch", "epochs").c_str(), scaling_kind_name(data.scaling), r.seconds,
               r.cpu_seconds);
  if (!data.subset_note.empty()) std::fprintf(out, "  %s\n", data.subset_note.c_str());
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
  std::fprintf(out, "\n  train accuracy %s   loss %s\n", fixed(r.train_eval.accuracy).c_str(), fixed(r.train_eval.loss).c_str());
  std::fprintf(out, "  test  accuracy %s   loss %s\n", fixed(r.test_eval.accuracy).c_str(), fixed(r.test_eval.loss).c_str());
  std::fprintf(out, "  over the %d evaluation points: test accuracy %s +- %s (sd over the epochs), mean test loss %s\n\n",
               r.stats.points, fixed(r.stats.accuracy_mean).c_str(), fixed(r.stats.accuracy_sd).c_str(),
               fixed(r.stats.loss_mean).c_str());
  std::fprintf(out, "%s\n%s", report_table(r.final_report, class_names).c_str(),
               statistics_table(r.stats, class_names).c_str());
  if (r.divergence.diverged)
    std::fprintf(out, "\n  diverged: the %s%s became NaN/Inf at step %ld (epoch %d); training went on\n",
                 r.divergence.what.c_str(), r.divergence.block.empty() ? "" : (" of " + r.divergence.block).c_str(),
                 r.divergence.step, r.divergence.epoch);
}

int train_command(const std::vector<std::string>& argv, std::FILE* out, std::FILE* err) {
  // --resume FILE: the run comes from the checkpoint; --link URL: from the link.
  std::optional<CheckpointFile> resume;
  const run::CommandLine cl = run::parse_command_line(argv, run::kTrain, train_extras(), [&](const run::CommandLine& given) {
    if (given.has("resume") && given.has("link")) throw InputError("give either --resume FILE or --link URL, not both");
    if (given.has("resume")) {
      if (given.str("resume").empty()) throw InputError("--resume needs the checkpoint file's name");
      resume = read_checkpoint_file(given.str("resume"));
      return std::optional<run::RunSpec>(resume->spec);
    }
    if (given.has("link")) return std::optional<run::RunSpec>(spec_of_link(given.str("link"), err, given.has("quiet")));
    return std::optional<run::RunSpec>();
  });
  const std::string resume_path = cl.str("resume");
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
  if (!checkpoint_path.empty()) {
    if (checkpoint_path != resume_path) check_checkpoint_target(checkpoint_path, spec, cl.has("overwrite-checkpoint"));
    check_writable(checkpoint_path, "--checkpoint");
  }

  // A resumed run keeps the scaling its checkpoint recorded: `auto` is not measured again.
  const run::ScalingChoice* known = resume && resume->scaling && resume->scaling->choice ? &*resume->scaling->choice : nullptr;
  run::RunLoop loop(spec, run::prepare_data(spec, known));
  if (resume && resume->scaling) check_same_scaling(*resume->scaling, loop.data(), resume_path);
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
  std::optional<CheckpointWriter> writer;
  if (!checkpoint_path.empty()) {
    writer.emplace(checkpoint_path, spec, data, resume ? resume->epoch_records : std::vector<Json>{});
    checkpoints.on_epoch_loop = [&](const run::RunLoop& l) { writer->save(l); };
  }
  const ExperimentResult r = drive_run(loop, prog, checkpoints);
  if (progress && tty) std::fprintf(err, "\n");
  if (!model_path.empty()) save_model(model_path, loop.model(), run::model_info(spec, data, r));

  if (json) {
    Json j = run::run_json(loop.spec(), data, r);
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
