% 8 queens, all 92 solutions, by generate and test: every permutation of
% 1..8 is built and checked for diagonal attacks.

queens(N, Qs) :- q_range(1, N, Ns), q_perm(Ns, Qs), q_safe(Qs).

q_range(N, N, [N]) :- !.
q_range(M, N, [M|Ns]) :- M < N, M1 is M + 1, q_range(M1, N, Ns).

q_perm([], []).
q_perm(L, [H|T]) :- q_sel(H, L, R), q_perm(R, T).

q_sel(X, [X|T], T).
q_sel(X, [H|T], [H|R]) :- q_sel(X, T, R).

q_safe([]).
q_safe([Q|Qs]) :- q_no_attack(Q, Qs, 1), q_safe(Qs).

q_no_attack(_, [], _).
q_no_attack(Q, [Q1|Qs], D) :-
    Q =\= Q1 + D,
    Q =\= Q1 - D,
    D1 is D + 1,
    q_no_attack(Q, Qs, D1).

queens8_count(N) :- findall(Qs, queens(8, Qs), L), length(L, N).
