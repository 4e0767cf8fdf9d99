# Sourced by bin/c4j (and by the checkout's ./c4j): checks a libtorch of the user's own, e.g. a CUDA build
# (see docs/cuda.md), before the JVM starts. Not a command of its own.
#   PYTORCH_LIBRARY_PATH  folders (':'-separated) of which the first with libtorch.so is loaded instead of the CPU
#                         libtorch 2.7.1 in lib/ (DJL's own variable)
#   PYTORCH_FLAVOR        which JNI glue of DJL 0.36 (cpu or cu128) joins DJL to it; set here when not set: cu128
#                         when the folder has libtorch_cuda.so, cpu otherwise. DJL's default for a folder of one's
#                         own, cpu-precxx11, matches no glue that DJL 0.36 ships, and the start fails.
if [ -n "${PYTORCH_LIBRARY_PATH:-}" ]; then
  c4j_libtorch=""
  IFS=: read -r -a c4j_folders <<< "$PYTORCH_LIBRARY_PATH"
  for c4j_folder in "${c4j_folders[@]}"; do
    if [ -f "$c4j_folder/libtorch.so" ]; then
      c4j_libtorch="$c4j_folder"
      break
    fi
  done
  if [ -z "$c4j_libtorch" ]; then
    echo "c4j: error: PYTORCH_LIBRARY_PATH=$PYTORCH_LIBRARY_PATH: no folder in it holds libtorch.so; expected the lib" \
      "folder of a libtorch 2.7.1 (e.g. a pip-installed torch 2.7.1+cu128's torch/lib; see docs/cuda.md)" >&2
    exit 2
  fi
  if [ -z "${PYTORCH_FLAVOR:-}" ]; then
    if [ -f "$c4j_libtorch/libtorch_cuda.so" ]; then
      export PYTORCH_FLAVOR=cu128
    else
      export PYTORCH_FLAVOR=cpu
    fi
  fi
  unset c4j_libtorch c4j_folders c4j_folder
fi
