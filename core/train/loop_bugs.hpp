// The training loop's common mistakes, each a real variant of the loop:
//
//   none                   zero_grad(); E = loss(model(X), T); E.backward(); step()
//   backward_twice         ... E.backward(retain_graph=True); E.backward(); step()
//                          (without retain_graph, PyTorch stops at the second backward)
//   step_before_backward   zero_grad(); E = ...; step(); E.backward()
//   zero_grad_before_step  E = ...; E.backward(); zero_grad(); step()
//   no_step                zero_grad(); E = ...; E.backward()      (step() forgotten)
//
// Forgetting zero_grad() (TrainingSetup::zero_grad) removes the zero_grad()
// line wherever it stands, and goes with any of them.
//
// PyTorch 1.13's rules, as the loop meets them:
//   - zero_grad() sets every .grad to 0 (set_to_none=False); a .grad no
//     backward has written yet is None, and step() skips that parameter
//     (its optimizer state does not start).
//   - backward() adds dE/dtheta to .grad and frees the graph's saved values
//     unless retain_graph=True: a second backward through it raises.
//   - step() changes each parameter in place, which bumps its version; a
//     backward through a graph that saved the parameter before raises. The
//     graph saves the weight of every layer whose input needs a gradient:
//     from the second layer on, so a network of one layer trains on.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

namespace bp {

enum class LoopBug { none, backward_twice, step_before_backward, zero_grad_before_step, no_step };

const std::vector<std::string>& loop_bug_names();
const char* loop_bug_name(LoopBug bug);
LoopBug loop_bug_from_name(const std::string& name, const std::string& field);

// One line of the loop's body, as the page lists it.
enum class Line { zero_grad, forward, loss, backward, backward_again, step };
const char* line_name(Line line);

struct ListedLine {
  Line line;
  bool skipped;  // left out of the loop (zero_grad or step forgotten)
  bool changed;  // where the listing differs from the correct loop
};

// The body's lines in the order the listing runs them.
std::vector<ListedLine> loop_listing(LoopBug bug, bool zero_grad);

// Where PyTorch stops the loop with a RuntimeError, or iteration -1.
struct LoopError {
  long iteration = -1;  // 1 = the first iteration of the run (state.iteration 0)
  Line line = Line::backward;
  std::string message;  // str() of PyTorch's RuntimeError
};

// The error the loop meets, counted from a state with `done` iterations
// behind it, for a network whose last weight matrix is rows x cols and has
// `layers` layers.
LoopError loop_error(LoopBug bug, bool retain_graph, long done, std::size_t layers, Eigen::Index rows, Eigen::Index cols);

}  // namespace bp
