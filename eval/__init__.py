"""Evaluation: the answer-quality harness, its scorer, and the speed/scale benchmarks."""
