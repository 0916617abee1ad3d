#include "train_then_attack.hpp"

#include "core/input_error.hpp"

namespace hqnn::run {

CleanCheckpoint pretrain(RunSpec spec, int clean_epochs) {
  if (clean_epochs < 1) throw InputError("the clean pre-training needs at least one epoch, got " + std::to_string(clean_epochs));
  spec.attack.reset();
  spec.attack_epoch = 0;
  spec.train.epochs = clean_epochs;
  CleanCheckpoint c;
  c.spec = spec;
  c.clean_epochs = clean_epochs;
  c.data = prepare_data(spec);
  RunLoop loop(spec, c.data);
  while (!loop.done()) loop.step();
  c.state = loop.state_json();
  c.clean_accuracy = loop.history().back().test_accuracy;
  return c;
}

RunSpec attacked_spec(const RunSpec& clean, const AttackOptions& attack, int clean_epochs, int attack_epochs) {
  RunSpec s = clean;
  s.attack = attack;
  s.attack_epoch = clean_epochs;
  s.train.epochs = clean_epochs + attack_epochs;
  return s;
}

AttackedCell attack_from(const CleanCheckpoint& clean, const AttackOptions& attack, int attack_epochs) {
  if (attack_epochs < 1) throw InputError("an attack cell needs at least one epoch, got " + std::to_string(attack_epochs));
  AttackedCell cell;
  cell.spec = attacked_spec(clean.spec, attack, clean.clean_epochs, attack_epochs);
  RunLoop loop(cell.spec, clean.data);
  loop.restore(clean.state);
  while (!loop.done()) loop.step();
  cell.result = loop.finish();
  cell.clean_accuracy = clean.clean_accuracy;
  cell.attacked_accuracy = cell.result.test_eval.accuracy;
  return cell;
}

}  // namespace hqnn::run
