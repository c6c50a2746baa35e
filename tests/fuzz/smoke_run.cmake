# One fuzz smoke run: FUZZER over the seed corpus CORPUS plus new inputs, RUNS executions in all,
# a fixed seed. New inputs go to a fresh WORK folder (never into the checked-in corpus); a crash
# leaves its input in WORK/crashes/ and fails the test.
#   cmake -DFUZZER=... -DRUNS=... -DCORPUS=... -DDICT=<file or empty> -DWORK=... -P smoke_run.cmake
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/new ${WORK}/crashes)
set(args -runs=${RUNS} -seed=1 -timeout=10 -max_len=4096 -print_final_stats=1
         -artifact_prefix=${WORK}/crashes/)
if(DICT)
  list(APPEND args -dict=${DICT})
endif()
execute_process(COMMAND ${FUZZER} ${args} ${WORK}/new ${CORPUS} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${FUZZER} failed (${result}); the input is in ${WORK}/crashes/")
endif()
