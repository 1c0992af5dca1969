#include "learning_curve.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace heed::cli {

using train::CurvePoint;

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

}  // namespace

std::string learning_curve_svg(const std::vector<CurvePoint>& points, const std::string& title) {
  const double W = 800, H = 500, left = 70, right = 70, top = 72, bottom = 60;
  const double pw = W - left - right, ph = H - top - bottom;
  double max_step = 1, max_loss = 1e-9, max_bleu = 1;
  for (const auto& p : points) {
    max_step = std::max(max_step, p.step);
    max_loss = std::max({max_loss, p.train_loss, p.dev_loss});
    max_bleu = std::max(max_bleu, p.dev_bleu);
  }
  max_loss = std::ceil(max_loss);
  max_bleu = std::ceil(max_bleu / 5) * 5;
  auto x = [&](double step) { return left + pw * step / max_step; };
  auto y_loss = [&](double v) { return top + ph * (1 - v / max_loss); };
  auto y_bleu = [&](double v) { return top + ph * (1 - v / max_bleu); };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{}\" y=\"28\" font-size=\"16\" text-anchor=\"middle\">{}</text>\n",
      W, H, W, H, W / 2, escape(title));
  // Axes, ticks and grid.
  svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#444\"/>\n", left, top, pw, ph);
  for (int i = 0; i <= 5; ++i) {
    const double f = i / 5.0, yy = top + ph * (1 - f), xx = left + pw * f;
    svg += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>\n", left, yy, left + pw, yy);
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:.2f}</text>\n", left - 6, yy + 4, max_loss * f);
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\">{:.1f}</text>\n", left + pw + 6, yy + 4, max_bleu * f);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{:.0f}</text>\n", xx, top + ph + 18, max_step * f);
  }
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">step</text>\n", left + pw / 2, H - 15);
  svg += fmt::format("<text x=\"20\" y=\"{}\" transform=\"rotate(-90 20 {})\" text-anchor=\"middle\">loss per target token</text>\n", top + ph / 2, top + ph / 2);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" transform=\"rotate(90 {} {})\" text-anchor=\"middle\">dev BLEU</text>\n", W - 18, top + ph / 2, W - 18, top + ph / 2);
  auto polyline = [&](auto value, auto y, const char* colour, const char* dash) {
    std::string pts;
    for (const auto& p : points) pts += fmt::format("{:.1f},{:.1f} ", x(p.step), y(value(p)));
    return fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"{}\" points=\"{}\"/>\n", colour, dash, pts);
  };
  svg += polyline([](const CurvePoint& p) { return p.train_loss; }, y_loss, "#1f77b4", "");
  svg += polyline([](const CurvePoint& p) { return p.dev_loss; }, y_loss, "#ff7f0e", "6 3");
  svg += polyline([](const CurvePoint& p) { return p.dev_bleu; }, y_bleu, "#2ca02c", "");
  // Legend, between the title and the plot, where no curve runs.
  const char* names[] = {"train loss", "dev loss", "dev BLEU"};
  const char* colours[] = {"#1f77b4", "#ff7f0e", "#2ca02c"};
  for (int i = 0; i < 3; ++i) {
    const double lx = left + 12 + i * 120, ly = top - 22;
    svg += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"2\"{}/>\n", lx, ly, lx + 24, ly, colours[i], i == 1 ? " stroke-dasharray=\"6 3\"" : "");
    svg += fmt::format("<text x=\"{}\" y=\"{}\">{}</text>\n", lx + 30, ly + 4, names[i]);
  }
  return svg + "</svg>\n";
}

}  // namespace heed::cli
