/**
 * Library predicates written in Prolog: SWI's `aggregate_all/3` and the
 * module-system stand-ins (`use_module/1,2`, `module/2`: every library is
 * built in and all code lives in one module).
 *
 * @module
 */

/** Prolog source of the misc library. */
export const source: string = `
% SWI aggregate_all/3 (library(aggregate)): count, count(T), sum(E),
% max(E), min(E), max(E, W), min(E, W), bag(T), set(T).
aggregate_all(Spec, _, _) :-
    var(Spec), !,
    throw(error(instantiation_error, _)).
aggregate_all(count, Goal, Count) :- !,
    findall(x, Goal, L),
    length(L, Count).
aggregate_all(count(T), Goal, Count) :- !,
    findall(T, Goal, L),
    length(L, Count).
aggregate_all(sum(E), Goal, Sum) :- !,
    findall(E, Goal, L),
    '$agg_sum'(L, 0, Sum).
aggregate_all(max(E), Goal, Max) :- !,
    findall(E, Goal, [H|T]),
    '$agg_max'(T, H, Max).
aggregate_all(min(E), Goal, Min) :- !,
    findall(E, Goal, [H|T]),
    '$agg_min'(T, H, Min).
aggregate_all(max(E, W), Goal, max(Max, Witness)) :- !,
    findall(E-W, Goal, [H|T]),
    '$agg_max_w'(T, H, Max-Witness).
aggregate_all(min(E, W), Goal, min(Min, Witness)) :- !,
    findall(E-W, Goal, [H|T]),
    '$agg_min_w'(T, H, Min-Witness).
aggregate_all(bag(T), Goal, Bag) :- !,
    findall(T, Goal, Bag).
aggregate_all(set(T), Goal, Set) :- !,
    findall(T, Goal, Bag),
    sort(Bag, Set).
aggregate_all(Spec, _, _) :-
    throw(error(domain_error(aggregate_spec, Spec), _)).

'$agg_sum'([], S, S).
'$agg_sum'([X|Xs], S0, S) :- S1 is S0 + X, '$agg_sum'(Xs, S1, S).

% Numbers compare arithmetically, other terms by standard order.
'$agg_max'([], M, M).
'$agg_max'([X|Xs], M0, M) :-
    (   '$agg_less'(M0, X) -> M1 = X ; M1 = M0 ),
    '$agg_max'(Xs, M1, M).

'$agg_min'([], M, M).
'$agg_min'([X|Xs], M0, M) :-
    (   '$agg_less'(X, M0) -> M1 = X ; M1 = M0 ),
    '$agg_min'(Xs, M1, M).

'$agg_max_w'([], M, M).
'$agg_max_w'([X-W|Xs], M0-W0, M) :-
    (   '$agg_less'(M0, X) -> M1 = X-W ; M1 = M0-W0 ),
    '$agg_max_w'(Xs, M1, M).

'$agg_min_w'([], M, M).
'$agg_min_w'([X-W|Xs], M0-W0, M) :-
    (   '$agg_less'(X, M0) -> M1 = X-W ; M1 = M0-W0 ),
    '$agg_min_w'(Xs, M1, M).

'$agg_less'(X, Y) :- number(X), number(Y), !, X < Y.
'$agg_less'(X, Y) :- X @< Y.

% Every library is built in and there is one module, user: loading a
% library and declaring a module are no-ops.
use_module(_).
use_module(_, _).
module(_, _).
`;
