#include "heed/model/blocks.h"

namespace heed::model {

EncoderBlock::EncoderBlock(const ModelConfig& c)
    : attention_block_(c), ffn_block_(c), attention_(AttentionKind::self, c), ffn_(c) {}

void EncoderBlock::forward(const Tensor& out, const Tensor& mid, const Tensor& in, int64_t batch, int64_t src_len,
                           const ops::AttentionMask& mask, const EncoderLayerWeights& w, const PassContext& pass) {
  attention_block_.forward(mid, in, w.self_attn_norm, pass, [&](const Tensor& y, const Tensor& h) {
    attention_.forward(y, {h, h, batch, src_len, src_len, mask}, w.self_attn, pass);
  });
  ffn_block_.forward(out, mid, w.ffn_norm, pass, [&](const Tensor& y, const Tensor& h) {
    ffn_.forward(y, h, w.fc1, w.fc2, pass);
  });
}

void EncoderBlock::backward(const Tensor& dx, const EncoderLayerWeights& w, const EncoderLayerWeights& g) {
  ffn_block_.backward(dx, dx, w.ffn_norm, g.ffn_norm, [&](const Tensor& dh, const Tensor& dout, const Tensor& h) {
    ffn_.backward(dh, dout, h, w.fc1, w.fc2, g.fc1, g.fc2);
  }, ffn_.reads_input());
  attention_block_.backward(dx, dx, w.self_attn_norm, g.self_attn_norm,
                            [&](const Tensor& dh, const Tensor& dout, const Tensor& h) {
                              attention_.backward(dh, Tensor(), dout, h, w.self_attn, g.self_attn);
                            }, attention_.reads_queries());
}

DecoderBlock::DecoderBlock(const ModelConfig& c)
    : self_block_(c), cross_block_(c), ffn_block_(c), self_attention_(AttentionKind::self, c),
      cross_attention_(AttentionKind::cross, c), ffn_(c) {}

void DecoderBlock::forward(const Streams& s, const Context& c, const DecoderLayerWeights& w,
                           const PassContext& pass) {
  self_block_.forward(s.after_self, s.in, w.self_attn_norm, pass, [&](const Tensor& y, const Tensor& h) {
    self_attention_.forward(y, {h, h, c.batch, c.tgt_len, c.tgt_len, c.causal}, w.self_attn, pass);
  });
  cross_block_.forward(s.after_cross, s.after_self, w.cross_attn_norm, pass, [&](const Tensor& y, const Tensor& h) {
    cross_attention_.forward(y, {h, c.memory, c.batch, c.tgt_len, c.src_len, c.sources, c.memory_copy},
                             w.cross_attn, pass);
  });
  ffn_block_.forward(s.out, s.after_cross, w.ffn_norm, pass, [&](const Tensor& y, const Tensor& h) {
    ffn_.forward(y, h, w.fc1, w.fc2, pass);
  });
}

void DecoderBlock::backward(const Tensor& dy, const Tensor& d_memory, const DecoderLayerWeights& w,
                            const DecoderLayerWeights& g) {
  ffn_block_.backward(dy, dy, w.ffn_norm, g.ffn_norm, [&](const Tensor& dh, const Tensor& dout, const Tensor& h) {
    ffn_.backward(dh, dout, h, w.fc1, w.fc2, g.fc1, g.fc2);
  }, ffn_.reads_input());
  cross_block_.backward(dy, dy, w.cross_attn_norm, g.cross_attn_norm,
                        [&](const Tensor& dh, const Tensor& dout, const Tensor& h) {
                          cross_attention_.backward(dh, d_memory, dout, h, w.cross_attn, g.cross_attn);
                        }, cross_attention_.reads_queries());
  self_block_.backward(dy, dy, w.self_attn_norm, g.self_attn_norm,
                       [&](const Tensor& dh, const Tensor& dout, const Tensor& h) {
                         self_attention_.backward(dh, Tensor(), dout, h, w.self_attn, g.self_attn);
                       }, self_attention_.reads_queries());
}

void DecoderBlock::step(const Tensor& x, const DecoderLayerWeights& w, const PassContext& pass,
                        const StepCores& cores) {
  self_block_.forward(x, x, w.self_attn_norm, pass, [&](const Tensor& y, const Tensor& h) {
    self_attention_.step(y, h, w.self_attn, pass, cores.self);
  });
  cross_block_.forward(x, x, w.cross_attn_norm, pass, [&](const Tensor& y, const Tensor& h) {
    cross_attention_.step(y, h, w.cross_attn, pass, cores.cross);
  });
  ffn_block_.forward(x, x, w.ffn_norm, pass, [&](const Tensor& y, const Tensor& h) {
    ffn_.forward(y, h, w.fc1, w.fc2, pass);
  });
}

}  // namespace heed::model
