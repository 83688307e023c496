"""Turn a question into an answer: normalisation, retrieval, lookup, engines."""
