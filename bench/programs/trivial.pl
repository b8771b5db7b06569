% trivial: one fact; query fact(1).
fact(1).
