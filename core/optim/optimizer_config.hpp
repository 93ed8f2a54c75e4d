// An optimizer's settings as a Value: {"kind": sgd | momentum | adagrad |
// rmsprop | adam, "lr", and the kind's own settings (optimizer.hpp)}. What is
// not given takes PyTorch's default; and its state. Used by the optimizer
// race and the training loop.
#pragma once

#include <string>
#include <vector>

#include "optim/optimizer.hpp"
#include "base/value.hpp"

namespace bp {

// One setting of an optimizer, as torch.optim names it.
struct OptimizerSetting {
  enum class Type {
    positive,      // > 0
    non_negative,  // >= 0
    rate,          // [0, 1): a decay rate (beta, alpha, momentum)
    unit,          // [0, 1]
    boolean,
    form,  // momentum's form: "ewa" (the lesson's) or "pytorch"
  };
  std::string key;
  Type type;
  double OptimizerOptions::*number = nullptr;  // where a number goes
  bool OptimizerOptions::*flag = nullptr;      // where a boolean goes
  std::string only_form;                       // momentum: the one form that has it, or ""
};

// One optimizer: its name, PyTorch's class, its settings in the order a form
// shows them, and PyTorch's defaults. The reader, the writer and the
// catalog the page builds its forms from all follow it.
struct OptimizerInfo {
  OptimizerKind kind;
  std::string name;
  std::string pytorch;
  std::vector<OptimizerSetting> settings;
  OptimizerOptions defaults;
};

const std::vector<OptimizerInfo>& optimizer_table();
const OptimizerInfo& optimizer_info(OptimizerKind kind);

// The catalog: [{name, pytorch, settings: [{key, type, default, min, max,
// form?}]}], defaults as numbers or booleans ("form": "ewa" for momentum).
Value optimizer_catalog();

// Throws bp::Error naming "<field>.<setting>" (adam.beta1, momentum.lr, ...).
OptimizerOptions read_optimizer(const Value& v, const std::string& field);
Value optimizer_to_value(const OptimizerOptions& o);

// An optimizer's state as the page shows it: {"t", and each vector the
// optimizer keeps or computed at its last step (grad, buffer, m, v, m_hat,
// v_hat, effective_rate, update, ...), as numbers}.
Value optimizer_state_value(const OptimizerState& s);

}  // namespace bp
