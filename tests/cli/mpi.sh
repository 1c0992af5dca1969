# heed train under mpirun: two ranks equal one process with --accumulate 2; resume; a signal to one
# rank stops all with a checkpoint; ranks whose weights differ stop with an error, not a hang.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
# CI runs as root, which Open MPI refuses unless told; two ranks share this machine's cores.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi=(mpirun -np 2 --oversubscribe)
common=(--train "$DATA/bible.train.es" "$DATA/bible.train.en" --valid "$DATA/bible.dev.es" "$DATA/bible.dev.en"
        --vocab "$DATA/ref/spm400.model" --preset tiny --max-positions 128 --max-length 120 --valid-beam 1
        --log-every 5 --threads 1 --batch-tokens 512 --warmup-steps 20 --lr 3e-3 --valid-every 10)

# The largest weight difference `heed info --compare` reports.
difference() { "$HEED" info "$1" --compare "$2" | sed -n 's/.*max |difference| \([^;]*\);.*/\1/p'; }
within() { awk -v d="$1" -v tol="$2" 'BEGIN {exit !(d != "" && d + 0 <= tol)}'; }

"$HEED" train "${common[@]}" --accumulate 2 --max-steps 20 --model one.heed 2> one.log
timeout 300 "${mpi[@]}" "$HEED" train "${common[@]}" --max-steps 20 --model two.heed 2> two.log
check "two ranks train" test -s two.last.heed -a -s two.heed
check "two ranks log once, as 2 ranks" test "$(grep -c '2 ranks of 1 threads' two.log)" -eq 1
check "the log gives the allreduce time" grep -q "allreduce [0-9]* ms/step" two.log
# The same batches, and their gradients summed in the same order (each batch's apart, then
# added): the weights agree bit for bit, on any CPU.
d=$(difference one.last.heed two.last.heed)
check "two ranks give exactly the weights of --accumulate 2 (difference $d)" within "$d" 0
check "and the same dev loss" cmp -s <(cut -f1,4 one.log.tsv) <(cut -f1,4 two.log.tsv)

# Resume under MPI: 10 + 10 steps equal 20.
timeout 300 "${mpi[@]}" "$HEED" train "${common[@]}" --max-steps 10 --model r.heed 2>/dev/null
timeout 300 "${mpi[@]}" "$HEED" train "${common[@]}" --max-steps 20 --model r.heed --resume 2> r.log
check "resume under MPI says where it continues" grep -q "resuming r.last.heed at step 10" r.log
d=$(difference one.last.heed r.last.heed)
check "resumed under MPI, exactly the same weights (difference $d)" within "$d" 0

# SIGTERM to one rank: every rank stops at the next step, the first writes the checkpoint.
timeout 300 "${mpi[@]}" "$HEED" train "${common[@]}" --max-steps 100000 --model s.heed 2> s.log &
job=$!
for _ in $(seq 100); do grep -q "validation at step 10" s.log 2>/dev/null && break; sleep 0.2; done
kill -TERM "$(pgrep -f "^$HEED train.*--model s.heed" | tail -1)"  # a rank, not timeout or mpirun
wait $job
code=$?
check "a signalled rank ends the job with an error code (got $code)" test "$code" -ne 0 -a "$code" -ne 124
check "the job says why it stopped" grep -q "stopped by signal 15 (sent to one or more ranks)" s.log
check "the checkpoint is written" test -s s.last.heed -a -s s.last.state
timeout 300 "${mpi[@]}" "$HEED" train "${common[@]}" --max-steps 1 --model s.heed --resume 2> s2.log
check "and resumes" grep -q "resuming s.last.heed" s2.log

# Ranks that do not train the same model stop with a clear error instead of hanging.
timeout 120 mpirun -np 1 "$HEED" train "${common[@]}" --max-steps 10 --model x.heed --clip-norm 1 : \
  -np 1 --oversubscribe "$HEED" train "${common[@]}" --max-steps 10 --model x.heed --clip-norm 0.5 2> x.log
code=$?
check "diverging ranks stop the job (exit $code)" test "$code" -ne 0 -a "$code" -ne 124
check "with a message" grep -q "the ranks' weights differ at step 5" x.log
finish
