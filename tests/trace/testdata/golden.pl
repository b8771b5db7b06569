% Program traced by the sink golden tests (tests/trace/sinks/*_test.ts).
app([], L, L).
app([H|T], L, [H|R]) :- app(T, L, R).
mem(X, [X|_]).
mem(X, [_|T]) :- mem(X, T).
p :- q, !, r.
q.
q.
r.
t(X) :- catch(u(X), E, X = caught(E)).
u(_) :- throw(oops).
small(X) :- X < 3.
count(0) :- !.
count(N) :- N > 0, M is N - 1, count(M).
