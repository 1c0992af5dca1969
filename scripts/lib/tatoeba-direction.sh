# Sourced by the Tatoeba recipe scripts: reads "es-en|en-es [WORKDIR]" from the script's
# arguments into direction, src, tgt and work (default build/general/DIRECTION).
direction="${1:-}"
case "$direction" in
  es-en) src=es tgt=en ;;
  en-es) src=en tgt=es ;;
  *) echo "usage: $0 es-en|en-es [WORKDIR]" >&2; exit 2 ;;
esac
work="${2:-build/general/$direction}"
