/**
 * Library predicates written in Prolog: SWI-Prolog's `library(apply)`:
 * `maplist/2..7`, `foldl/4..7`, `scanl/4..7`, `include/3`, `exclude/3`,
 * `partition/4,5` and `convlist/3`. Each predicate calls a helper with the
 * list first, so first-argument indexing makes calls on proper lists
 * deterministic.
 *
 * @module
 */

/** Prolog source of the apply library. */
export const source: string = `
exclude(Pred, List, Excluded) :- '$exclude'(List, Pred, Excluded).

'$exclude'([], _, []).
'$exclude'([X|Xs], P, R) :-
    (   call(P, X) -> R = R1 ; R = [X|R1] ),
    '$exclude'(Xs, P, R1).

include(Pred, List, Included) :- '$include'(List, Pred, Included).

'$include'([], _, []).
'$include'([X|Xs], P, R) :-
    (   call(P, X) -> R = [X|R1] ; R = R1 ),
    '$include'(Xs, P, R1).

partition(Pred, List, Included, Excluded) :- '$partition'(List, Pred, Included, Excluded).

'$partition'([], _, [], []).
'$partition'([H|T], Pred, I, E) :-
    (   call(Pred, H) -> I = [H|I1], E = E1 ; I = I1, E = [H|E1] ),
    '$partition'(T, Pred, I1, E1).

partition(Pred, List, Less, Equal, Greater) :- '$partition'(List, Pred, Less, Equal, Greater).

'$partition'([], _, [], [], []).
'$partition'([H|T], Pred, L, E, G) :-
    call(Pred, H, Diff),
    '$partition'(Diff, H, Pred, T, L, E, G).

'$partition'(<, H, Pred, T, [H|L], E, G) :- !, '$partition'(T, Pred, L, E, G).
'$partition'(=, H, Pred, T, L, [H|E], G) :- !, '$partition'(T, Pred, L, E, G).
'$partition'(>, H, Pred, T, L, E, [H|G]) :- !, '$partition'(T, Pred, L, E, G).
'$partition'(Diff, _, _, _, _, _, _) :-
    throw(error(domain_error(order, Diff), _)).

maplist(G, L) :- '$maplist'(L, G).
'$maplist'([], _).
'$maplist'([A|As], G) :- call(G, A), '$maplist'(As, G).

maplist(G, L1, L2) :- '$maplist'(L1, L2, G).
'$maplist'([], [], _).
'$maplist'([A|As], [B|Bs], G) :- call(G, A, B), '$maplist'(As, Bs, G).

maplist(G, L1, L2, L3) :- '$maplist'(L1, L2, L3, G).
'$maplist'([], [], [], _).
'$maplist'([A|As], [B|Bs], [C|Cs], G) :- call(G, A, B, C), '$maplist'(As, Bs, Cs, G).

maplist(G, L1, L2, L3, L4) :- '$maplist'(L1, L2, L3, L4, G).
'$maplist'([], [], [], [], _).
'$maplist'([A|As], [B|Bs], [C|Cs], [D|Ds], G) :-
    call(G, A, B, C, D),
    '$maplist'(As, Bs, Cs, Ds, G).

maplist(G, L1, L2, L3, L4, L5) :- '$maplist'(L1, L2, L3, L4, L5, G).
'$maplist'([], [], [], [], [], _).
'$maplist'([A|As], [B|Bs], [C|Cs], [D|Ds], [E|Es], G) :-
    call(G, A, B, C, D, E),
    '$maplist'(As, Bs, Cs, Ds, Es, G).

maplist(G, L1, L2, L3, L4, L5, L6) :- '$maplist'(L1, L2, L3, L4, L5, L6, G).
'$maplist'([], [], [], [], [], [], _).
'$maplist'([A|As], [B|Bs], [C|Cs], [D|Ds], [E|Es], [F|Fs], G) :-
    call(G, A, B, C, D, E, F),
    '$maplist'(As, Bs, Cs, Ds, Es, Fs, G).

foldl(G, L, V0, V) :- '$foldl'(L, G, V0, V).
'$foldl'([], _, V, V).
'$foldl'([X|Xs], G, V0, V) :- call(G, X, V0, V1), '$foldl'(Xs, G, V1, V).

foldl(G, L1, L2, V0, V) :- '$foldl'(L1, L2, G, V0, V).
'$foldl'([], [], _, V, V).
'$foldl'([X|Xs], [Y|Ys], G, V0, V) :- call(G, X, Y, V0, V1), '$foldl'(Xs, Ys, G, V1, V).

foldl(G, L1, L2, L3, V0, V) :- '$foldl'(L1, L2, L3, G, V0, V).
'$foldl'([], [], [], _, V, V).
'$foldl'([X|Xs], [Y|Ys], [Z|Zs], G, V0, V) :-
    call(G, X, Y, Z, V0, V1),
    '$foldl'(Xs, Ys, Zs, G, V1, V).


foldl(G, L1, L2, L3, L4, V0, V) :- '$foldl'(L1, L2, L3, L4, G, V0, V).
'$foldl'([], [], [], [], _, V, V).
'$foldl'([X|Xs], [Y|Ys], [Z|Zs], [W|Ws], G, V0, V) :-
    call(G, X, Y, Z, W, V0, V1),
    '$foldl'(Xs, Ys, Zs, Ws, G, V1, V).

% scanl(:G, +List, +V0, -Values): Values is [V0, V1, ...], the states a
% foldl/4 passes through.
scanl(G, L, V0, [V0|Vs]) :- '$scanl'(L, G, V0, Vs).
'$scanl'([], _, _, []).
'$scanl'([X|Xs], G, V0, [V|Vs]) :- call(G, X, V0, V), '$scanl'(Xs, G, V, Vs).

scanl(G, L1, L2, V0, [V0|Vs]) :- '$scanl'(L1, L2, G, V0, Vs).
'$scanl'([], [], _, _, []).
'$scanl'([X|Xs], [Y|Ys], G, V0, [V|Vs]) :- call(G, X, Y, V0, V), '$scanl'(Xs, Ys, G, V, Vs).

scanl(G, L1, L2, L3, V0, [V0|Vs]) :- '$scanl'(L1, L2, L3, G, V0, Vs).
'$scanl'([], [], [], _, _, []).
'$scanl'([X|Xs], [Y|Ys], [Z|Zs], G, V0, [V|Vs]) :-
    call(G, X, Y, Z, V0, V),
    '$scanl'(Xs, Ys, Zs, G, V, Vs).

scanl(G, L1, L2, L3, L4, V0, [V0|Vs]) :- '$scanl'(L1, L2, L3, L4, G, V0, Vs).
'$scanl'([], [], [], [], _, _, []).
'$scanl'([X|Xs], [Y|Ys], [Z|Zs], [W|Ws], G, V0, [V|Vs]) :-
    call(G, X, Y, Z, W, V0, V),
    '$scanl'(Xs, Ys, Zs, Ws, G, V, Vs).

% convlist(:G, +List, -Mapped): the elements G maps, dropping those it fails on.
convlist(G, List, Mapped) :- '$convlist'(List, G, Mapped).
'$convlist'([], _, []).
'$convlist'([X|Xs], G, R) :-
    (   call(G, X, Y) -> R = [Y|R1] ; R = R1 ),
    '$convlist'(Xs, G, R1).
`;
