# Sourced by the bench scripts: the model-specific flags mer_examples.sh gives each model for MNIST
# Rotations at its largest memory (the first rotations row of the grid file mer runs the paper's
# grid from), so that the flags live in one place. taskinput is not in mer_examples.sh: it gets
# independent's learning rate.
paper_grid="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/experiment/src/main/resources/dev/mer/experiment/grid/mer_examples.tsv"

# rotation_args MODEL: prints the flags
rotation_args() {
  local model=$1 args
  [ "$model" = taskinput ] && model=independent
  args=$(awk -F'\t' -v m="$model" '$1 == m && $2 == "rotations" { print $4; exit }' "$paper_grid")
  [ -n "$args" ] || { echo "bench: no rotations row for model $1 in $paper_grid" >&2; return 1; }
  echo "$args"
}
