"""Benchmarks: throughput of the library against plain-Python references and peers.

Run ``python -m benchmarks`` (install the ``bench`` extra for the peer libraries).
Each case times the library and its reference in the same run, repeats, and reports
medians and the ratio; nothing here is a test assertion on time.
"""
