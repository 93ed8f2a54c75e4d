// The core as the CLI and the page call it: Values in, Values out. Each
// function validates what it is given and throws bp::Error.
#pragma once

#include <vector>

#include "base/value.hpp"

namespace bp::api {

// The classic example's config.
Value classic();

// The trace of one iteration. options: {"digits": 1..17 (default 9)}.
Value trace(const Value& config, const Value& options);

// Gradient descent. options: {"iterations": 0..1000000, "history": bool}.
// Returns {"iterations", "E_total": [...], "final": config, "outputs": [...],
//          "diverged_at": n or null, "stop_reason": why (stop.hpp) or null}.
Value train(const Value& config, const Value& options);

// The "update biases" switch (config.hpp, with_bias_mode).
// options: {"train_biases": bool}.
Value bias_mode(const Value& config, const Value& options);

// The loss explorer (losses.cpp).
//
// One loss on a batch: {"kind": mse | mae | smooth_l1 | huber | bce |
// bce_logits | ce, "input": [...] (ce: rows of logits), "target": [...] (ce:
// class indices, or rows of probabilities), "reduction": "mean" | "sum",
// "beta", "delta", "label_smoothing"} -> {"value", "grad"} (ce: and "softmax").
Value loss(const Value& spec);
// One loss for one prediction swept from `from` to `to`: {"kind", "target",
// "from", "to", "points", ...; ce: "logits", "vary" (the logit swept)}
// -> {"x": [...], "loss": [...], "grad": [...]}.
Value loss_curve(const Value& spec);
// BCE of sigmoid(z) on the probability, and on the logit: {"logit", "target"}
// -> {"probability", "on_probability", "on_logit"}.
Value bce_stability(const Value& spec);
// Lines y = a x + b fitted by gradient descent: {"points": [[x, y], ...],
// "losses": [mse, mae, smooth_l1], "beta", "learning_rate", "steps", "start"}
// -> {"fits": [{"loss", "a": [...], "b": [...], "E": [...], "above_lowest": [...], "diverged_at"}]}.
Value fit_lines(const Value& spec);

// The explorer's formulas, as LaTeX (loss_tex.hpp).
Value loss_formulas();

// The optimizer race (optimizers.cpp). A surface is {"preset": name} or
// {"expression": "x^2 + y^2"}; an optimizer is as optimizer_config.hpp reads it,
// with an "id" to name its fields in errors.
//
// The presets: name, expression, LaTeX, trouble, domain, start, minima,
// saddles and a learning rate per optimizer that shows the point.
Value surfaces();
// Checks a typed function: {"text"} -> {"tex"}, or the error with its position.
Value expression(const Value& spec);
// {"surface", "point": [x, y]} -> {"value", "gradient": [dx, dy]}.
Value evaluate_surface(const Value& spec);
// f on a grid: {"surface", "domain": [x0, x1, y0, y1], "width", "height"}; the
// values go into `values` (row by row from y0), the answer holds the extent.
Value grid(const Value& spec, std::vector<double>& values);
// {"surface", "start": [x, y], "steps", "optimizers": [...]} -> {"runs": [{"id",
// "x", "y", "loss", "stopped_at", "reason" (stop.hpp, or "")}]}
Value race(const Value& spec);
// One optimizer's step t in detail: {"surface", "start", "optimizer", "step",
// "digits"} -> {theta and loss before and after, the state before and after,
// "tex": [{"formula", "numbers"}]}.
Value optimizer_step(const Value& spec);

// The training loop (training.cpp). A spec holds "network" (a config),
// "optimizer", "data", "zero_grad" and the "state" a previous call returned.
//
// Runs "iterations" iterations -> {"E_total": [...], "diverged_at", "stop_reason", "network",
// "state", "outputs"}; the page calls it in chunks, resuming from "state".
Value training_run(const Value& spec);
// One iteration in its five phases: .grad before, zeroed, this batch's
// gradient, after backward; the forward pass per example; the loss; theta
// and the optimizer's state before and after the step.
Value training_iteration(const Value& spec);
// Each parameter's gradient beside a central finite difference ->
// {"parameters": [{"name", "analytic", "numeric", "relative"}], "max_relative",
//  "max_relative_parameter"}.
Value training_gradient_check(const Value& spec);
// Two loss curves: {"a": [...], "b": [...]} -> {"a_below_from", "b_below_from"
// (from which iteration one stays below the other, or null), "a_constant_from",
// "b_constant_from" (from which iteration it keeps its last value, or null)}.
Value training_compare(const Value& spec);
// The PyTorch script that reproduces the training: {"script"}.
Value training_export(const Value& spec);
// One epoch of minibatch training (epoch.hpp): the training spec with "data"
// (required) and "test" ({"inputs", "targets"}, optional), each side as rows
// or as one flat list of numbers (a Float64Array, example after example),
// "batch_size" (default 10), "seed" (the shuffle's, default 0), "losses"
// (default false), "l1" and "l2" (the weights' regularization, default 0:
// loss = data loss + l1 Σ|w| + (l2 / 2) Σ w², epoch.hpp) -> {"parameters":
// [...] (after, as pack() lays them out), "network", "state", "updates",
// "stopped_at", "stop_reason", "E_train" and "E_test" (the data loss; null
// unless losses is asked, E_test null without a test set), "penalty" (l1 Σ|w|
// + (l2 / 2) Σ w² after the epoch, null unless losses is asked)}.
Value training_epoch(const Value& spec);
// Why training blew up, in numbers (epoch.hpp, diagnose): the training spec
// at the last good state, with "l1" and "l2" -> {"E", "gradient_norm",
// "step_norm" (the optimizer's next step), "slope" (−g · the step's
// direction), "curvature_along_step" (λ along it, by central differences of
// the gradient), "overshoot" (the step against the quadratic model's
// limit along it: above 1 it goes past), "largest_curvature" (the Hessian's
// largest eigenvalue, by power iteration), "stable_lr" (2 /
// largest_curvature, or null when it is not positive), "momentum_factor"
// (the step's length over η‖g‖), "saturated", "saturated_of",
// "saturated_share" (sigmoid and tanh outputs within 1e-3 of their limits,
// over every example; null without such units)}.
Value training_diagnosis(const Value& spec);
// A two-input network over a grid (grid.hpp): {"network", "domain": [x0, x1,
// y0, y1], "width", "height" (2 … 512)} -> {"width", "height", "layers": the
// neurons per layer from the inputs, "values": every neuron's W x H image,
// neuron after neuron, each row by row from y0}. With "features" (the
// playground's, data/features.hpp), a network of that many inputs reads
// them at each point, and the first images are the features (playground.cpp).
Value network_grid(const Value& spec);
// Rows of numbers pasted by a student: {"text", "inputs", "targets"} ->
// {"inputs": [[...]], "targets": [[...]]}, or the error with its line.
Value csv(const Value& spec);

// A fresh network: {"layers": [2, 3, 1], "activations": [...], "loss",
// "seed"} -> a config (init.hpp).
Value new_network(const Value& spec);

// The playground (playground.cpp).
//
// A data set made from a seed (data/datasets.hpp): {"kind": circle | xor |
// gauss | spiral | plane | reg_gauss, "points" (1 … 1000, default 500),
// "noise" (0 … 50, Playground's percent, default 0), "seed" (default 0),
// "classes" (gauss and spiral: 2 … 8, default 2), "train_ratio" (0 … 1,
// default 0.5), "split_seed" (default the seed)} -> {"x", "y", "label"
// (numbers: the class 0 … C − 1, or the regression's value), "train", "test"
// (the points' indices, ascending), "regression", "classes" (0 for regression)}.
Value dataset(const Value& spec);
// The points as a network's examples: {"x", "y", "label", "indices" (the
// points taken, in order; default all), "features" (data/features.hpp;
// default ["x", "y"]), "targets": "sign" (class 1 -> 1, class 0 -> -1) |
// "binary" (0, 1) | "one_hot" (a row of "classes") | "value" (the label, the
// default), "classes" (default 2)} -> {"inputs", "targets"}: numbers,
// example after example, as trainingEpoch takes them.
Value playground_examples(const Value& spec);
// The playground's weights as a file (playground_weights.cpp): {"network",
// "features", "epoch"} -> {"text"}: JSON {"format":
// "backprop-playground-weights", "version": 1, "features", "epoch", "network"}.
Value playground_weights_file(const Value& spec);
// A weights file read back for the data on screen: {"text", "regression",
// "classes"} -> {"features", "hidden" (neurons per hidden layer),
// "activations" (the hidden layers'), "output" (tanh | sigmoid | softmax |
// linear), "epoch", "network"}, or the error naming what does not fit.
Value playground_weights_open(const Value& spec);

// The stepper's exercise mode (exercise.cpp, core/exercise/).
//
// The catalogued mistakes that reach a term: {"config", "term": its id} ->
// {"term", "value", "mistakes": [{"id", "value"}]} (mistakes.hpp), none
// within 1e-3 of the right value.
Value exercise_mistakes(const Value& spec);
// A typed answer checked: {"config", "term", "answer": the text} ->
// {"verdict": right | too_few_digits | not_a_number | mistake | wrong,
//  "mistake": its id or null, "digits" (significant digits given),
//  "min_digits", "value" (the term's, only when right)} (answer.hpp).
Value exercise_check(const Value& spec);
// The catalog's mistake ids, in its order.
Value exercise_mistake_ids();
// A tutorial's exercise: {"compute", "answer" (optional), "tolerance"
// (optional, relative, replacing the digits rule)}. compute is one of
//   {"config", "term": id}             a term's value (with its mistakes)
//   {"loss": a loss spec as loss()}    the loss's value
//   {"race": a race spec, "optimizer": id, "at": x | y | loss}
//                                      that optimizer's after the last step
//   {"race", "choose": "first_below", "below": level}
//                                      the optimizer whose loss first goes below
//   {"race", "choose": "lowest"}       the lowest loss after the last step
// -> {"kind": number | choice, "options" (a choice's ids), "value" (the
// number, or the right ids; null when the state gives none, or, with an
// answer, until it is right)}; with an answer also "verdict" (right |
// too_few_digits | not_a_number | mistake | wrong | no_answer), and for a
// number "mistake", "digits", "min_digits" as exercise_check.
Value exercise_answer(const Value& spec);

// What the core knows (catalogs.cpp), for the page's lists and forms:
// [{"name", "whole_layer", "formula", "derivative" (LaTeX in net and out;
//   a whole-layer one's formula for out_1 of three, its derivative ""),
//   "pytorch" ({z}: the layer's net)}], in the table's order.
Value activations();
// [{"name", "pytorch", "settings": [{"key", "type" (positive, non_negative,
//   rate, unit, boolean, form), "default", "form" (momentum: the one form
//   that has it)}]}].
Value optimizers();
// The network's losses: [{"name", "needs" (the output activation it takes,
//   or ""), "targets" ("probabilities": each in [0, 1], or "any"),
//   "targets_sum_to_one", "parameters": [{"key", "type" (positive,
//   non_negative, unit), "default", "min", "max" (null: none)}], "formula",
//   "gradient" (LaTeX of E and dE/dout for one output, in target and out; a
//   piecewise one as cases), "pytorch" (the export's expression of out and
//   T, {key}: a parameter's value)}], in the table's order.
Value losses();

// The playground's data sets: [{"name", "regression", "max_classes" (0 for
//   regression)}], and its input features: [{"name", "tex" (in x and y)}].
Value datasets();
Value features();

// Every error code with its English template, for the page's catalog test.
Value error_codes();
// Every reason a loop can stop for (stop.hpp) with its English template.
Value stop_reasons();

}  // namespace bp::api
