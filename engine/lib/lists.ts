/**
 * Library predicates written in Prolog: SWI-Prolog's `library(lists)`
 * (`library(apply)` is in apply.ts, `library(pairs)` in pairs.ts). Clauses
 * put the list in the first argument so that
 * first-argument indexing makes calls on proper lists deterministic.
 * `memberchk/2`, `list_to_set/2` and `between/3` are TS builtins
 * (engine/builtins/lists.ts).
 *
 * @module
 */

/** Prolog source of the list library. */
export const source: string = `
append([], L, L).
append([H|T], L, [H|R]) :- append(T, L, R).

append(ListOfLists, List) :-
    '$must_be_list'(ListOfLists),
    '$append_'(ListOfLists, List).

'$append_'([], []).
'$append_'([L|Ls], As) :- append(L, Ws, As), '$append_'(Ls, Ws).

member(X, [Y|Ys]) :- '$member_'(Ys, X, Y).

'$member_'(_, X, X).
'$member_'([Y|Ys], X, _) :- '$member_'(Ys, X, Y).

reverse(Xs, Ys) :- '$reverse'(Xs, [], Ys, Ys).

'$reverse'([], Ys, Ys, []).
'$reverse'([X|Xs], Rs, Ys, [_|Bound]) :- '$reverse'(Xs, [X|Rs], Ys, Bound).

nth0(Index, List, Elem) :-
    integer(Index), !,
    Index >= 0,
    '$nth'(Index, List, Elem).
nth0(Index, List, Elem) :-
    var(Index), !,
    List = [H|T],
    '$nth_gen'(T, Elem, H, 0, Index).
nth0(Index, _, _) :-
    throw(error(type_error(integer, Index), context(nth0/3, _))).

nth1(Index, List, Elem) :-
    integer(Index), !,
    Index0 is Index - 1,
    Index0 >= 0,
    '$nth'(Index0, List, Elem).
nth1(Index, List, Elem) :-
    var(Index), !,
    List = [H|T],
    '$nth_gen'(T, Elem, H, 1, Index).
nth1(Index, _, _) :-
    throw(error(type_error(integer, Index), context(nth1/3, _))).

'$nth'(0, List, Elem) :- !, List = [Elem|_].
'$nth'(N, [_|T], Elem) :- N1 is N - 1, '$nth'(N1, T, Elem).

'$nth_gen'(_, Elem, Elem, Base, Base).
'$nth_gen'([H|T], Elem, _, N, Base) :- N1 is N + 1, '$nth_gen'(T, Elem, H, N1, Base).

nth0(Index, List, Elem, Rest) :-
    integer(Index), !,
    Index >= 0,
    '$nth_del'(Index, List, Elem, Rest).
nth0(Index, List, Elem, Rest) :-
    var(Index), !,
    '$nth_gen_del'(List, Elem, Rest, 0, Index).
nth0(Index, _, _, _) :-
    throw(error(type_error(integer, Index), context(nth0/4, _))).

nth1(Index, List, Elem, Rest) :-
    integer(Index), !,
    Index0 is Index - 1,
    Index0 >= 0,
    '$nth_del'(Index0, List, Elem, Rest).
nth1(Index, List, Elem, Rest) :-
    var(Index), !,
    '$nth_gen_del'(List, Elem, Rest, 1, Index).
nth1(Index, _, _, _) :-
    throw(error(type_error(integer, Index), context(nth1/4, _))).

'$nth_del'(0, List, Elem, Rest) :- !, List = [Elem|Rest].
'$nth_del'(N, [H|T], Elem, [H|Rest]) :- N1 is N - 1, '$nth_del'(N1, T, Elem, Rest).

'$nth_gen_del'([Elem|Rest], Elem, Rest, Base, Base).
'$nth_gen_del'([H|T], Elem, [H|Rest], N, Base) :-
    N1 is N + 1,
    '$nth_gen_del'(T, Elem, Rest, N1, Base).

last([X|Xs], Last) :- '$last'(Xs, X, Last).

'$last'([], Last, Last).
'$last'([X|Xs], _, Last) :- '$last'(Xs, X, Last).

nextto(X, Y, [X,Y|_]).
nextto(X, Y, [_|Zs]) :- nextto(X, Y, Zs).

sum_list(Xs, Sum) :- '$sum_list'(Xs, 0, Sum).

'$sum_list'([], Sum, Sum).
'$sum_list'([X|Xs], Sum0, Sum) :- Sum1 is Sum0 + X, '$sum_list'(Xs, Sum1, Sum).

sumlist(Xs, Sum) :- sum_list(Xs, Sum).

max_list([H|T], Max) :- '$max_list'(T, H, Max).

'$max_list'([], Max, Max).
'$max_list'([H|T], Max0, Max) :- Max1 is max(Max0, H), '$max_list'(T, Max1, Max).

min_list([H|T], Min) :- '$min_list'(T, H, Min).

'$min_list'([], Min, Min).
'$min_list'([H|T], Min0, Min) :- Min1 is min(Min0, H), '$min_list'(T, Min1, Min).

max_member(Max, [H|T]) :- '$max_member'(T, H, Max).

'$max_member'([], Max0, Max) :- Max = Max0.
'$max_member'([H|T], Max0, Max) :-
    (   H @=< Max0 -> Max1 = Max0 ; Max1 = H ),
    '$max_member'(T, Max1, Max).

min_member(Min, [H|T]) :- '$min_member'(T, H, Min).

'$min_member'([], Min0, Min) :- Min = Min0.
'$min_member'([H|T], Min0, Min) :-
    (   H @>= Min0 -> Min1 = Min0 ; Min1 = H ),
    '$min_member'(T, Min1, Min).

numlist(Low, High, List) :-
    '$must_be_integer'(Low),
    '$must_be_integer'(High),
    Low =< High,
    '$numlist'(Low, High, List).

'$numlist'(High, High, List) :- !, List = [High].
'$numlist'(Low, High, [Low|T]) :- Low1 is Low + 1, '$numlist'(Low1, High, T).

'$must_be_integer'(X) :- integer(X), !.
'$must_be_integer'(X) :- var(X), !, throw(error(instantiation_error, _)).
'$must_be_integer'(X) :- throw(error(type_error(integer, X), _)).

select(X, [Head|Tail], Rest) :- '$select3'(Tail, Head, X, Rest).

'$select3'(Tail, Head, Head, Tail).
'$select3'([Head2|Tail], Head, X, [Head|Rest]) :- '$select3'(Tail, Head2, X, Rest).

selectchk(Elem, List, Rest) :- select(Elem, List, Rest0), !, Rest = Rest0.

select(X, Xs, Y, Ys) :- '$select4'(Xs, X, Y, Ys).

'$select4'([X|T], X, Y, [Y|T]).
'$select4'([H|T], X, Y, [H|T2]) :- '$select4'(T, X, Y, T2).

subtract([], _, []).
subtract([E|T], D, R) :-
    (   memberchk(E, D) -> R = R1 ; R = [E|R1] ),
    subtract(T, D, R1).

intersection([], _, []).
intersection([X|T], L, I) :-
    (   memberchk(X, L) -> I = [X|R] ; I = R ),
    intersection(T, L, R).

union([], L, L).
union([H|T], L, R) :-
    (   memberchk(H, L) -> R = R1 ; R = [H|R1] ),
    union(T, L, R1).

delete([], _, []).
delete([Elem|Tail], Del, Result) :-
    (   \\+ Elem \\= Del
    ->  delete(Tail, Del, Result)
    ;   Result = [Elem|Tail1],
        delete(Tail, Del, Tail1)
    ).

permutation(Xs, Ys) :-
    (   is_list(Xs) -> length(Xs, N), length(Ys, N)
    ;   is_list(Ys) -> length(Ys, N), length(Xs, N)
    ;   length(Xs, N), length(Ys, N)
    ),
    '$perm'(Xs, Ys).

'$perm'([], []).
'$perm'(List, [First|Perm]) :- select(First, List, Rest), '$perm'(Rest, Perm).

flatten(List, Flat) :- '$flatten'(List, [], Flat0), !, Flat = Flat0.

'$flatten'(Var, Tl, [Var|Tl]) :- var(Var), !.
'$flatten'([], Tl, Tl) :- !.
'$flatten'([Hd|Tl], Tail, List) :- !,
    '$flatten'(Hd, FlatHeadTail, List),
    '$flatten'(Tl, Tail, FlatHeadTail).
'$flatten'(NonList, Tl, [NonList|Tl]).

is_set(Set) :- is_list(Set), length(Set, N), sort(Set, Sorted), length(Sorted, N).

prefix([], _).
prefix([E|T0], [E|T]) :- prefix(T0, T).

selectchk(X, XList, Y, YList) :- select(X, XList, Y, YList), !.

same_length([], []).
same_length([_|T1], [_|T2]) :- same_length(T1, T2).

% proper_length(@List, -Length): fails on partial and cyclic lists.
proper_length(List, Length) :- is_list(List), length(List, Length).

subset([], _) :- !.
subset([E|R], Set) :- memberchk(E, Set), subset(R, Set).

% subseq(?List, ?SubList, ?Complement): List interleaves SubList and
% Complement. SWI needs List, or both SubList and Complement, to be proper.
subseq(L, S, C) :-
    (   is_list(L) -> '$subseq'(L, S, C)
    ;   is_list(S), is_list(C) -> '$subseq'(L, S, C)
    ;   must_be(list_or_partial_list, L),
        must_be(list_or_partial_list, S),
        must_be(list_or_partial_list, C),
        throw(error(instantiation_error, _))
    ).

'$subseq'([], [], []).
'$subseq'([H|T0], T1, [H|C]) :- '$subseq'(T0, T1, C).
'$subseq'([H|T0], [H|T1], C) :- '$subseq'(T0, T1, C).

% clumped(+Items, -Pairs): runs of equal (==) items as Item-Count.
clumped([], []).
clumped([H|T0], [H-C|T]) :- '$clump'(T0, H, T1, 1, C), clumped(T1, T).

'$clump'([H|T0], E, T, C0, C) :- E == H, !, C1 is C0 + 1, '$clump'(T0, E, T, C1, C).
'$clump'(List, _, List, C, C).

% max_member(:Pred, -Max, +List) and min_member/3: Pred is an order
% such as @=<, called as call(Pred, Smaller, Larger).
max_member(Pred, Max, [H|T]) :- '$max_member'(T, Pred, H, Max).

'$max_member'([], _, Max0, Max) :- Max = Max0.
'$max_member'([H|T], Pred, Max0, Max) :-
    (   call(Pred, H, Max0) -> Max1 = Max0 ; Max1 = H ),
    '$max_member'(T, Pred, Max1, Max).

min_member(Pred, Min, [H|T]) :- '$min_member'(T, Pred, H, Min).

'$min_member'([], _, Min0, Min) :- Min = Min0.
'$min_member'([H|T], Pred, Min0, Min) :-
    (   call(Pred, Min0, H) -> Min1 = Min0 ; Min1 = H ),
    '$min_member'(T, Pred, Min1, Min).
`;
