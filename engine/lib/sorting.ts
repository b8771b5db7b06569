/**
 * Library predicates written in Prolog: sorting with a user-supplied order
 * (`predsort/3`, SWI-Prolog). `sort/2`, `msort/2`, `sort/4` and `keysort/2`
 * are TS builtins (engine/builtins/compare.ts).
 *
 * @module
 */

/** Prolog source of the sorting library. */
export const source: string = `
% predsort(:Pred, +List, -Sorted): sorts List by call(Pred, Order, A, B),
% where Order is <, = or >. Elements found = to an earlier one are dropped
% (SWI-Prolog). Fails if Pred fails. A bottom-up merge sort: singleton runs
% are merged pairwise, left to right, until one run is left, so no
% arithmetic is needed and the sort is stable.
predsort(P, L, Sorted) :-
    '$predsort_list'(L),
    '$predsort_runs'(L, L, Runs),
    '$predsort_all'(Runs, P, Sorted0),
    !,
    Sorted = Sorted0.

% A proper list, checked in one walk that also gives up on a cyclic list
% (the Prolog walk below would run forever on one).
'$predsort_list'(L) :-
    catch('$must_be_list'(L), error(E, _), throw(error(E, context(predsort/3, _)))).

'$predsort_runs'(L, _, _) :-
    var(L), !,
    throw(error(instantiation_error, context(predsort/3, _))).
'$predsort_runs'([], _, []) :- !.
'$predsort_runs'([X|Xs], L, [[X]|Rs]) :- !,
    '$predsort_runs'(Xs, L, Rs).
'$predsort_runs'(_, L, _) :-
    throw(error(type_error(list, L), context(predsort/3, _))).

'$predsort_all'([], _, []).
'$predsort_all'([R], _, R) :- !.
'$predsort_all'([R1,R2|Rs], P, S) :-
    '$predsort_pass'([R1,R2|Rs], P, Rs1),
    '$predsort_all'(Rs1, P, S).

'$predsort_pass'([R1,R2|Rs], P, [R|Rs1]) :- !,
    '$predsort_merge'(R1, R2, P, R),
    '$predsort_pass'(Rs, P, Rs1).
'$predsort_pass'(Rs, _, Rs).

'$predsort_merge'([], R, _, R) :- !.
'$predsort_merge'(R, [], _, R) :- !.
'$predsort_merge'([H1|T1], [H2|T2], P, R) :-
    call(P, O, H1, H2), !,
    '$predsort_merge'(O, H1, T1, H2, T2, P, R).

'$predsort_merge'(<, H1, T1, H2, T2, P, [H1|R]) :-
    '$predsort_merge'(T1, [H2|T2], P, R).
'$predsort_merge'(=, H1, T1, _, T2, P, [H1|R]) :-
    '$predsort_merge'(T1, T2, P, R).
'$predsort_merge'(>, H1, T1, H2, T2, P, [H2|R]) :-
    '$predsort_merge'([H1|T1], T2, P, R).
`;
