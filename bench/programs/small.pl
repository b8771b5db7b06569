% small: ten facts; query fact(X), all solutions.
fact(0).
fact(1).
fact(2).
fact(3).
fact(4).
fact(5).
fact(6).
fact(7).
fact(8).
fact(9).
