% Naive reverse of a 30-element list: the classic LIPS benchmark.
% One nrev of 30 elements is 496 logical inferences (31 nrev/2 + 465 app/3).

app([], L, L).
app([H|T], L, [H|R]) :- app(T, L, R).

nrev([], []).
nrev([H|T], R) :- nrev(T, RT), app(RT, [H], R).

data30([1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,
        21,22,23,24,25,26,27,28,29,30]).

nrev30(R) :- data30(L), nrev(L, R).
