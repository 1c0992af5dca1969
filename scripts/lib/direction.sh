# Sourced by the recipe scripts: reads "es-en|en-es [WORKDIR]" from the script's arguments into
# direction, src, tgt and work (default $recipe_root/DIRECTION; the caller sets recipe_root).
direction="${1:-}"
case "$direction" in
  es-en) src=es tgt=en ;;
  en-es) src=en tgt=es ;;
  *) echo "usage: $0 es-en|en-es [WORKDIR]" >&2; exit 2 ;;
esac
work="${2:-$recipe_root/$direction}"
