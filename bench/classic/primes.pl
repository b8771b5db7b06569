% A list sieve: the primes up to 1000 (there are 168, the last is 997).

primes(Limit, Ps) :- p_integers(2, Limit, Is), p_sift(Is, Ps).

p_integers(Low, High, [Low|Rest]) :- Low =< High, !, M is Low + 1, p_integers(M, High, Rest).
p_integers(_, _, []).

p_sift([], []).
p_sift([I|Is], [I|Ps]) :- p_remove(I, Is, New), p_sift(New, Ps).

p_remove(_, [], []).
p_remove(P, [I|Is], [I|Nis]) :- I mod P =\= 0, !, p_remove(P, Is, Nis).
p_remove(P, [_|Is], Nis) :- p_remove(P, Is, Nis).

p_last([X], X) :- !.
p_last([_|T], X) :- p_last(T, X).

% [Count, Last] of the primes up to 1000.
primes1000([N, Last]) :- primes(1000, Ps), length(Ps, N), p_last(Ps, Last).
