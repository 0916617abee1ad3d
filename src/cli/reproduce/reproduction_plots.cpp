#include "reproduction_plots.hpp"

#include "core/attack.hpp"
#include "svg_plot.hpp"
#include "text_file.hpp"

namespace hqnn::cli {

std::string attack_plot_stem(const std::string& dataset, const std::string& condition) {
  return "attack-" + dataset + "-" + condition;
}

void write_attack_plots(const std::filesystem::path& dir, const ReproduceProfile& profile, const GridResults& results) {
  std::filesystem::create_directories(dir);
  for (const auto& d : profile.datasets)
    for (const AttackFormInfo& form : enum_rows<AttackForm>())
      for (NoiseKind noise : {NoiseKind::gaussian_asym, NoiseKind::mixed_asym}) {
        const std::string cond = std::string(form.label) + "-" + enum_name(noise);
        for (const char* what : {"accuracy", "loss"}) {
          std::vector<PlotSeries> series;
          for (const auto& m : comparison_models(d.key)) {
            const Json& c = results.runs("attack", d.key, cond, m).front()->at("curves");
            PlotSeries p;
            p.name = model_display_name(m);
            for (size_t i = 0; i < c.at("epoch").size(); ++i) {
              p.x.push_back(c.at("epoch")[i].as_number());
              p.y.push_back(c.at(std::string("test_") + what)[i].as_number());
            }
            series.push_back(p);
          }
          PlotOptions o;
          o.title = d.key + ", attack " + (form.kind == AttackForm::inside ? "1 " : "2 ") + enum_name(noise) + ", seed 1: test " + what;
          o.x_label = "epoch";
          o.y_label = std::string("test ") + what;
          o.log_y = what == std::string("loss");
          write_text(dir / (attack_plot_stem(d.key, cond) + "-" + what + ".svg"), svg_line_plot(series, o));
        }
      }
}

}  // namespace hqnn::cli
