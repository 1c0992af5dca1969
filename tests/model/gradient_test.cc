#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "heed/model/transformer.h"
#include "heed/ops/compute_type.h"
#include "support/gradcheck.h"
#include "support/hardware.h"

using namespace heed;
using namespace heed::model;

namespace {

ModelConfig tiny_config(NormPlacement norm, Positions positions, bool tied) {
  ModelConfig c = preset("tiny", 23);
  c.max_positions = 16;
  c.norm = norm;
  c.positions = positions;
  c.tie_embeddings = tied;
  c.activation = Activation::gelu;  // smooth, so that central differences are exact enough
  return c;
}

// Two sentence pairs of different lengths: padding in both source and target.
Batch tiny_batch() {
  return make_batch({{5, 9, 11, 4}, {7, 12}}, {{6, 8, 21}, {10}});
}

}  // namespace

TEST_CASE("whole-model gradients match finite differences for every parameter tensor") {
  for (auto norm : {NormPlacement::pre, NormPlacement::post}) {
    for (auto positions : {Positions::sinusoidal, Positions::learned}) {
      const bool tied = positions == Positions::sinusoidal;  // untied once per norm placement
      CAPTURE(to_string(norm));
      CAPTURE(to_string(positions));
      Parameters params(tiny_config(norm, positions, tied));
      Rng init(3);
      params.initialize(init);
      // Non-trivial norms and biases, so that a wrong gradient of either shows.
      for (const auto& [name, t] : params.named()) {
        if (name.find("norm") != std::string::npos || name.find("bias") != std::string::npos)
          for (int64_t i = 0; i < t.numel(); ++i) t.mutable_data()[i] += 0.2f * (init.uniform() - 0.5f);
      }
      Parameters grads(params.config());
      Transformer model(params);
      const Batch batch = tiny_batch();
      ForwardOptions options;
      options.label_smoothing = 0.1f;
      Rng rng(1);
      model.forward(batch, options, rng);
      model.backward(grads, 1.0f);
      auto loss = [&] { return model.forward(batch, options, rng).loss; };

      REQUIRE(grads.named().size() == params.named().size());
      for (size_t k = 0; k < params.named().size(); ++k) {
        const auto& [name, value] = params.named()[k];
        const Tensor& grad = grads.named()[k].second;
        CAPTURE(name);
        // Steps measured to balance rounding noise against truncation: norms and biases 3e-2,
        // matrices 1e-2 (a ±1 direction moves all their coordinates at once), embeddings 3e-3
        // (they enter the model multiplied by sqrt(D) = 8).
        const bool embedding = name == "embed.weight" || name == "out.weight" || name.find(".pos.") != std::string::npos;
        const float step = embedding ? 3e-3f : value.ndim() == 1 ? 3e-2f : 1e-2f;
        const auto check = test::directional_gradient_check(loss, value, grad, 3, step, 11 + k);
        CHECK(check.error < 2e-3);
        // Every tensor was perturbed and moved the loss, and backward gave it a gradient: a
        // tensor the model never reads, or whose gradient is never written, fails here.
        CHECK(check.loss_change > 0);
        CHECK(check.gradient_norm > 0);
      }
    }
  }
}

// Dropout's masks are redrawn in backward (and gelu's activations recomputed) rather than kept:
// with the same generator seed for every evaluation the masks are fixed, the loss is smooth, and
// backward must agree with it.
TEST_CASE("whole-model gradients with dropout match finite differences") {
  Parameters params(tiny_config(NormPlacement::pre, Positions::sinusoidal, true));
  Rng init(5);
  params.initialize(init);
  Parameters grads(params.config());
  Transformer model(params);
  const Batch batch = tiny_batch();
  ForwardOptions options;
  options.dropout = 0.3f;
  options.attention_dropout = 0.2f;
  auto loss = [&] {
    Rng rng(7);
    return model.forward(batch, options, rng).loss;
  };
  loss();
  model.backward(grads, 1.0f);
  for (size_t k = 0; k < params.named().size(); ++k) {
    const auto& [name, value] = params.named()[k];
    CAPTURE(name);
    const bool embedding = name == "embed.weight";
    const float step = embedding ? 3e-3f : value.ndim() == 1 ? 3e-2f : 1e-2f;
    const auto check = test::directional_gradient_check(loss, value, grads.named()[k].second, 3, step, 11 + k);
    CHECK(check.error < 2e-3);
    CHECK(check.loss_change > 0);
  }
}

// Under bf16 products the model rounds its weights and several activations once per forward pass
// and keeps the copies for backward: backward must read the last forward pass's copies, made
// from the weights as they were then. A model that ran another batch (other shapes) first, and
// under other weights, must give the same gradients bit for bit as a fresh one.
TEST_CASE("bf16 training passes read the copies of their own forward pass" * doctest::skip(test::lacks(ops::ComputeType::bf16))) {
  for (auto norm : {NormPlacement::pre, NormPlacement::post}) {
    CAPTURE(to_string(norm));
    ModelConfig config = tiny_config(norm, Positions::sinusoidal, true);
    config.activation = norm == NormPlacement::pre ? Activation::relu : Activation::gelu;
    Parameters used(config), fresh(config);
    Rng init(9);
    used.initialize(init);
    fresh.flat().copy_from(used.flat());
    for (int64_t i = 0; i < fresh.flat().numel(); i += 7) fresh.flat().mutable_data()[i] *= 1.5f;
    ForwardOptions options;
    options.dropout = 0.1f;
    options.attention_dropout = 0.1f;
    options.label_smoothing = 0.1f;
    options.products = ops::ComputeType::bf16;

    Transformer first(used);
    Rng rng_a(4);
    first.forward(make_batch({{5, 9, 11, 4, 8, 13, 6}, {7, 12, 3}, {9}}, {{6, 8, 21, 5, 5}, {10}, {4, 4}}), options, rng_a);
    used.flat().copy_from(fresh.flat());  // the optimizer's step, between two passes
    Rng rng_b(8);
    first.forward(tiny_batch(), options, rng_b);
    Parameters grads_first(config);
    first.backward(grads_first, 1.0f);

    Transformer second(fresh);
    Rng rng_c(8);
    second.forward(tiny_batch(), options, rng_c);
    Parameters grads_second(config);
    second.backward(grads_second, 1.0f);
    CHECK(std::memcmp(grads_first.flat().data(), grads_second.flat().data(),
                      sizeof(float) * grads_first.flat().numel()) == 0);
  }
}

// bf16 products against f32 on the same batch: each gradient reaches its tensor through at most
// 8 rounded products of the tiny model (output layer, then two layers of three sublayers, two
// products deep in attention), each within 2^-7 of its operands' magnitude, so the gradient is
// within 8 · 2^-7 = 2^-4 of f32's in norm. A backward pass that read a stale or missing input
// (say, a layer norm's output that was not computed again) is off by the order of the gradient.
TEST_CASE("bf16 training gradients are within bf16 rounding of f32's" * doctest::skip(test::lacks(ops::ComputeType::bf16))) {
  for (auto norm : {NormPlacement::pre, NormPlacement::post}) {
    CAPTURE(to_string(norm));
    Parameters params(tiny_config(norm, Positions::sinusoidal, true));
    Rng init(21);
    params.initialize(init);
    Parameters g32(params.config()), g16(params.config());
    Transformer model(params);
    ForwardOptions options;
    options.label_smoothing = 0.1f;
    Rng rng(2);
    model.forward(tiny_batch(), options, rng);
    model.backward(g32, 1.0f);
    options.products = ops::ComputeType::bf16;
    model.forward(tiny_batch(), options, rng);
    model.backward(g16, 1.0f);
    for (size_t k = 0; k < params.named().size(); ++k) {
      const auto& [name, a] = g32.named()[k];
      const Tensor& b = g16.named()[k].second;
      CAPTURE(name);
      double diff = 0, ref = 0;
      for (int64_t i = 0; i < a.numel(); ++i) {
        diff += std::pow(static_cast<double>(a.data()[i]) - b.data()[i], 2);
        ref += std::pow(static_cast<double>(a.data()[i]), 2);
      }
      CHECK(std::sqrt(diff) <= std::ldexp(1.0, -4) * std::sqrt(ref));
    }
  }
}

// The variants of imported models (convert/): biases on q, k, v and the output layer, separate
// source embeddings, a zero first decoder input, unscaled embeddings, no final norm, imported ids.
// heed does not train them, but its training forward pass is its forced decoding (heed score),
// and a gradient that agrees with the loss is the check that every new tensor is read as meant.
TEST_CASE("gradients of imported models' variants match finite differences") {
  for (auto act : {Activation::gelu_tanh, Activation::silu, Activation::gelu_sigmoid}) {
    CAPTURE(std::string(to_string(act)));
    ModelConfig c = tiny_config(NormPlacement::pre, Positions::learned, act != Activation::silu);
    c.activation = act;
    c.attention_bias = true;
    c.output_bias = true;
    c.share_embeddings = false;
    c.source_vocab_size = 19;
    c.zero_start_embedding = act == Activation::silu;
    c.scale_embeddings = act != Activation::gelu_tanh;
    c.final_norm = act != Activation::gelu_sigmoid;
    c.ids = {/*source*/ 18, 1, 2, 3, /*target*/ 22, 1, 3, 0};
    Parameters params(c);
    Rng init(3);
    params.initialize(init);
    for (const auto& [name, t] : params.named())
      if (name.find("norm") != std::string::npos || name.find("bias") != std::string::npos)
        for (int64_t i = 0; i < t.numel(); ++i) t.mutable_data()[i] += 0.2f * (init.uniform() - 0.5f);
    Parameters grads(params.config());
    Transformer model(params);
    const Batch batch = make_batch({{5, 9, 11, 4}, {7, 12}}, {{6, 8, 21}, {10}}, c.ids);
    ForwardOptions options;
    Rng rng(1);
    model.forward(batch, options, rng);
    model.backward(grads, 1.0f);
    auto loss = [&] { return model.forward(batch, options, rng).loss; };
    for (size_t k = 0; k < params.named().size(); ++k) {
      const auto& [name, value] = params.named()[k];
      CAPTURE(name);
      // A key bias adds q·b to every score of a query alike: softmax ignores it, its gradient is 0.
      if (name.find("k_proj.bias") != std::string::npos) {
        float largest = 0;
        for (float g : grads.named()[k].second.to_vector()) largest = std::max(largest, std::fabs(g));
        CHECK(largest < 1e-4f);
        continue;
      }
      const bool embedding = name.find("embed") != std::string::npos || name == "out.weight" ||
                             name.find(".pos.") != std::string::npos;
      const float step = embedding ? 3e-3f : value.ndim() == 1 ? 3e-2f : 1e-2f;
      const auto check = test::directional_gradient_check(loss, value, grads.named()[k].second, 3, step, 11 + k);
      // 1e-2, not 2e-3: unscaled embeddings (N(0, D^-1/2), not times √D) make the first layer's
      // scores small, and the loss change of a step on its q and k weights near float rounding
      // (measured 8e-3 at most; a wrong gradient is off by order 1).
      CHECK(check.error < 1e-2);
      CHECK(check.loss_change > 0);
    }
  }
}
