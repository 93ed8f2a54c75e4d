#include "train/loop_bugs.hpp"

#include "base/error.hpp"

namespace bp {

namespace {

struct BugName {
  LoopBug bug;
  const char* name;
};
constexpr BugName bug_names[] = {
    {LoopBug::none, "none"},
    {LoopBug::backward_twice, "backward_twice"},
    {LoopBug::step_before_backward, "step_before_backward"},
    {LoopBug::zero_grad_before_step, "zero_grad_before_step"},
    {LoopBug::no_step, "no_step"},
};

// PyTorch 1.13's texts, word for word.
const char* backward_twice_message =
    "Trying to backward through the graph a second time (or directly access saved tensors after they have already "
    "been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). "
    "Specify retain_graph=True if you need to backward through the graph a second time or if you need to access "
    "saved tensors after calling backward.";

// The tensor is the last layer's weight as its graph saved it, transposed
// (x W^T): [cols, rows]. Its version counts the in-place changes: 0 for a
// leaf tensor made with torch.tensor, as the exported script (and the
// fixture) make the parameters; the step adds one.
std::string inplace_message(Eigen::Index rows, Eigen::Index cols) {
  return "one of the variables needed for gradient computation has been modified by an inplace operation: "
         "[torch.DoubleTensor [" +
         std::to_string(cols) + ", " + std::to_string(rows) +
         "]], which is output 0 of AsStridedBackward0, is at version 1; expected version 0 instead. Hint: enable "
         "anomaly detection to find the operation that failed to compute its gradient, with "
         "torch.autograd.set_detect_anomaly(True).";
}

}  // namespace

const std::vector<std::string>& loop_bug_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const BugName& b : bug_names) out.push_back(b.name);
    return out;
  }();
  return names;
}

const char* loop_bug_name(LoopBug bug) {
  for (const BugName& b : bug_names)
    if (b.bug == bug) return b.name;
  return "none";
}

LoopBug loop_bug_from_name(const std::string& name, const std::string& field) {
  for (const BugName& b : bug_names)
    if (name == b.name) return b.bug;
  throw_unknown_choice(field, name, loop_bug_names());
}

const char* line_name(Line line) {
  switch (line) {
    case Line::zero_grad: return "zero_grad";
    case Line::forward: return "forward";
    case Line::loss: return "loss";
    case Line::backward: return "backward";
    case Line::backward_again: return "backward_again";
    case Line::step: return "step";
  }
  return "";
}

std::vector<ListedLine> loop_listing(LoopBug bug, bool zero_grad) {
  const bool moved_zero = bug == LoopBug::zero_grad_before_step;
  const ListedLine zero{Line::zero_grad, !zero_grad, !zero_grad || moved_zero}, forward{Line::forward, false, false},
      loss{Line::loss, false, false}, backward{Line::backward, false, false}, step{Line::step, false, false};
  switch (bug) {
    case LoopBug::none: return {zero, forward, loss, backward, step};
    case LoopBug::backward_twice: return {zero, forward, loss, backward, {Line::backward_again, false, true}, step};
    case LoopBug::step_before_backward: return {zero, forward, loss, {Line::step, false, true}, backward};
    case LoopBug::zero_grad_before_step: return {forward, loss, backward, zero, step};
    case LoopBug::no_step: return {zero, forward, loss, backward, {Line::step, true, true}};
  }
  return {};
}

LoopError loop_error(LoopBug bug, bool retain_graph, long done, std::size_t layers, Eigen::Index rows, Eigen::Index cols) {
  LoopError e;
  if (bug == LoopBug::backward_twice && !retain_graph) {
    e.iteration = 1;
    e.line = Line::backward_again;
    e.message = backward_twice_message;
  } else if (bug == LoopBug::step_before_backward && layers >= 2) {
    // The first step finds .grad None and changes nothing; the next one
    // changes the weights the graph saved, and backward raises.
    e.iteration = done == 0 ? 2 : 1;
    e.line = Line::backward;
    e.message = inplace_message(rows, cols);
  }
  return e;
}

}  // namespace bp
