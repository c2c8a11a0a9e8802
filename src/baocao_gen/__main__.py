"""`python -m baocao_gen` is the same as the `baocao` command."""

from .entry import main

main()
