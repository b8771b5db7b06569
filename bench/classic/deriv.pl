% Symbolic differentiation (Warren's ops8, divide10, log10 and times10).

d(U + V, X, DU + DV) :- !, d(U, X, DU), d(V, X, DV).
d(U - V, X, DU - DV) :- !, d(U, X, DU), d(V, X, DV).
d(U * V, X, DU * V + U * DV) :- !, d(U, X, DU), d(V, X, DV).
d(U / V, X, (DU * V - U * DV) / V ^ 2) :- !, d(U, X, DU), d(V, X, DV).
d(U ^ N, X, DU * N * U ^ N1) :- !, integer(N), N1 is N - 1, d(U, X, DU).
d(-U, X, -DU) :- !, d(U, X, DU).
d(exp(U), X, exp(U) * DU) :- !, d(U, X, DU).
d(log(U), X, DU / U) :- !, d(U, X, DU).
d(X, X, 1) :- !.
d(_, _, 0).

ops8(E) :- d((x + 1) * ((x ^ 2 + 2) * (x ^ 3 + 3)), x, E).
divide10(E) :- d(((((((((x / x) / x) / x) / x) / x) / x) / x) / x) / x, x, E).
log10(E) :- d(log(log(log(log(log(log(log(log(log(log(x)))))))))), x, E).
times10(E) :- d(((((((((x * x) * x) * x) * x) * x) * x) * x) * x) * x, x, E).

deriv([E1, E2, E3, E4]) :- ops8(E1), divide10(E2), log10(E3), times10(E4).

% The number of nodes of each derivative (a portable answer check).
deriv_sizes([S1, S2, S3, S4]) :-
    deriv([E1, E2, E3, E4]),
    d_size(E1, S1), d_size(E2, S2), d_size(E3, S3), d_size(E4, S4).

d_size(T, S) :- compound(T), !, functor(T, _, N), d_args(N, T, 1, S).
d_size(_, 1).

d_args(0, _, S, S) :- !.
d_args(I, T, S0, S) :- arg(I, T, A), d_size(A, SA), S1 is S0 + SA, I1 is I - 1, d_args(I1, T, S1, S).
