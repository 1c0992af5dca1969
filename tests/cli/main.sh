# heed itself: help, version, unknown commands and options, exit codes.
source "$(dirname "$0")/lib/common.sh"
check "--help lists the commands" bash -c "'$HEED' --help | grep -q 'tokenizer' && '$HEED' --help | grep -q 'bleu'"
check "--version" bash -c "'$HEED' --version | grep -qE '^heed [0-9]+\.[0-9]+\.[0-9]+$'"
check "--version names the ISA" bash -c "'$HEED' --version | grep -qE 'ISA [a-z0-9_]+'"
check "subcommand --help" bash -c "'$HEED' bleu --help | grep -q -- '--threads'"
expect_fail "unknown command" 2 "unknown command 'transmogrify'" "$HEED" transmogrify
expect_fail "no command" 2 "usage: heed" "$HEED"
expect_fail "unknown option" 2 "unrecognised option\|unrecognized option" "$HEED" bleu -r x --frobnicate
expect_fail "a bad option value" 2 "threads" "$HEED" bleu -r x --threads many
expect_fail "no threads" 2 "--threads must be at least 1, not 0" "$HEED" bleu -r x --threads 0
expect_fail "negative threads" 2 "--threads must be at least 1, not -3" "$HEED" translate --threads -3
finish
