/**
 * Library predicates written in Prolog: SWI-Prolog's `library(random)`, on
 * the `random_float` and `random/1` evaluables. `set_random/1` and
 * `random_property/1` are TS builtins (engine/builtins/system.ts); after
 * `set_random(seed(N))` every predicate here gives the same answers again.
 *
 * @module
 */

/** Prolog source of the random library. */
export const source: string = `
% random(-R): a float in the open interval (0.0, 1.0).
random(R) :- R is random_float.

% random_between(+L, +U, -R): an integer with L =< R =< U; fails if U < L.
random_between(L, U, R) :-
    integer(L), integer(U), !,
    U >= L,
    R is L + random((U + 1) - L).
random_between(L, U, _) :-
    must_be(integer, L),
    must_be(integer, U).

% random(+L, +U, -R) (deprecated): L =< R < U, integer or float.
random(L, U, R) :-
    integer(L), integer(U), !,
    R is L + random(U - L).
random(L, U, R) :-
    number(L), number(U), !,
    R is L + ((U - L) * random_float).
random(L, U, _) :-
    must_be(number, L),
    must_be(number, U).

getrand(State) :- random_property(state(State)).

setrand(rand(A, B, C)) :- !,
    Seed is A << 30 + B << 15 + C,
    set_random(seed(Seed)).
setrand(State) :- set_random(state(State)).

maybe :- random(2) =:= 0.

% maybe(+P): true with probability P.
maybe(P) :-
    must_be(between(0.0, 1.0), P),
    random_float < P.

% maybe(+K, +N): true with probability K/N.
maybe(K, N) :-
    integer(K), integer(N),
    between(0, N, K), !,
    random(N) < K.
maybe(K, N) :-
    must_be(nonneg, K),
    must_be(nonneg, N),
    throw(error(domain_error(not_less_than_zero, N-K), _)).

random_perm2(A, B, X, Y) :-
    (   maybe -> X = A, Y = B ; X = B, Y = A ).

% random_member(-X, +List): fails on [].
random_member(X, List) :-
    must_be(list, List),
    length(List, Len),
    Len > 0,
    N is random(Len),
    nth0(N, List, X).

% random_select(?X, ?List, ?Rest): X is a random element of List, Rest the
% others; or, with Rest given, X is inserted at a random place of Rest.
random_select(X, List, Rest) :-
    (   is_list(List) -> length(List, Len)
    ;   is_list(Rest) -> length(Rest, RLen), Len is RLen + 1
    ), !,
    Len > 0,
    N is random(Len),
    nth0(N, List, X, Rest).
random_select(_, List, Rest) :-
    '$is_list_or_partial'(List),
    '$is_list_or_partial'(Rest),
    throw(error(instantiation_error, _)).
random_select(_, List, Rest) :-
    must_be(list, List),
    must_be(list, Rest).

random_subseq([], [], []).
random_subseq([H|T], Subseq, Complement) :-
    (   maybe
    ->  Subseq = [H|SubTail], Complement = CompTail
    ;   Subseq = SubTail, Complement = [H|CompTail]
    ),
    random_subseq(T, SubTail, CompTail).

% randset(+K, +N, -Set): K distinct integers from 1..N, sorted.
randset(K, N, Set) :-
    must_be(nonneg, K),
    K =< N,
    '$randset'(K, N, [], Set).

'$randset'(0, _, S, S) :- !.
'$randset'(K, N, Si, So) :-
    (   random(N) < K
    ->  J is K - 1, M is N - 1, '$randset'(J, M, [N|Si], So)
    ;   M is N - 1, '$randset'(K, M, Si, So)
    ).

% randseq(+K, +N, -List): K distinct integers from 1..N, in random order.
randseq(K, N, Seq) :-
    randset(K, N, Set),
    '$random_permutation'(Set, Seq).

% random_permutation(?List, ?Perm): either list may be the given one.
random_permutation(List, Perm) :-
    is_list(List), !,
    '$random_permutation'(List, Perm).
random_permutation(List, Perm) :-
    is_list(Perm), !,
    '$random_permutation'(Perm, List).
random_permutation(List, Perm) :-
    '$is_list_or_partial'(List),
    '$is_list_or_partial'(Perm), !,
    throw(error(instantiation_error, _)).
random_permutation(List, Perm) :-
    must_be(list, List),
    must_be(list, Perm).

'$random_permutation'(List, Perm) :-
    '$random_keys'(List, Keyed),
    keysort(Keyed, Sorted),
    pairs_values(Sorted, Perm).

'$random_keys'([], []).
'$random_keys'([H|T], [K-H|KT]) :- K is random_float, '$random_keys'(T, KT).

% random_numlist(+P, +L, +U, -List): each of L..U kept with probability P.
random_numlist(P, L, U, List) :-
    must_be(between(0.0, 1.0), P),
    must_be(integer, L),
    must_be(integer, U),
    '$random_numlist'(L, U, P, List).

'$random_numlist'(L, U, _, []) :- L > U, !.
'$random_numlist'(L, U, P, List) :-
    (   random_float < P -> List = [L|T] ; List = T ),
    L1 is L + 1,
    '$random_numlist'(L1, U, P, T).
`;
