/**
 * Library predicates written in Prolog: SWI-Prolog's `library(ordsets)`.
 * An ordered set is a proper list without duplicates, sorted by the
 * standard order of terms (as `sort/2` makes it). Every predicate walks
 * its inputs once, with the comparison's result (`<`, `=`, `>`) as the
 * first argument of a helper, so first-argument indexing leaves no
 * choicepoint.
 *
 * SWI defines `ord_union/2,3`, `ord_subtract/3` and `ord_range/4` with
 * single-sided unification: where a set is unbound or not a list, they
 * raise `existence_error(matching_rule, ordsets:Goal)` there, and so they
 * do here, naming the same goal (`union2/4` is SWI's helper of
 * `ord_union/3`).
 *
 * @module
 */

/** Prolog source of the ordsets library. */
export const source: string = `
is_ordset(Term) :- is_list(Term), '$ord_ascending'(Term).

'$ord_ascending'([]).
'$ord_ascending'([H|T]) :- '$ord_ascending'(T, H).

'$ord_ascending'([], _).
'$ord_ascending'([H|T], P) :- P @< H, '$ord_ascending'(T, H).

ord_empty([]).

ord_seteq(Set1, Set2) :- Set1 == Set2.

list_to_ord_set(List, Set) :- sort(List, Set).

% SWI's matching-rule error for the predicates it defines with =>.
'$ord_no_rule'(Goal) :-
    throw(error(existence_error(matching_rule, ordsets:Goal), _)).

'$ord_set_arg'(S, Goal) :-
    (   var(S) -> '$ord_no_rule'(Goal)
    ;   S == [] -> true
    ;   S = [_|_] -> true
    ;   '$ord_no_rule'(Goal)
    ).

ord_memberchk(Item, [X|Xs]) :- compare(O, Item, X), '$ord_memberchk'(O, Item, Xs).

'$ord_memberchk'(=, _, _).
'$ord_memberchk'(>, Item, [X|Xs]) :- compare(O, Item, X), '$ord_memberchk'(O, Item, Xs).

ord_add_element([], E, [E]).
ord_add_element([H|T], E, Set) :- compare(O, H, E), '$ord_add'(O, H, T, E, Set).

'$ord_add'(<, H, T, E, [H|Set]) :- ord_add_element(T, E, Set).
'$ord_add'(=, H, T, _, [H|T]).
'$ord_add'(>, H, T, E, [E,H|T]).

ord_del_element([], _, []).
ord_del_element([H|T], E, Set) :- compare(O, H, E), '$ord_del'(O, H, T, E, Set).

'$ord_del'(<, H, T, E, [H|Set]) :- ord_del_element(T, E, Set).
'$ord_del'(=, _, T, _, T).
'$ord_del'(>, H, T, _, [H|T]).

ord_selectchk(Item, [X|Set1], Set2) :-
    compare(O, X, Item),
    '$ord_selectchk'(O, X, Set1, Item, Set2).

'$ord_selectchk'(<, X, Set1, Item, [X|Set2]) :- ord_selectchk(Item, Set1, Set2).
'$ord_selectchk'(=, _, Set1, _, Set1).

ord_intersect([H1|T1], [H2|T2]) :-
    compare(O, H1, H2),
    '$ord_intersect'(O, H1, T1, H2, T2).

'$ord_intersect'(<, _, T1, H2, T2) :- ord_intersect(T1, [H2|T2]).
'$ord_intersect'(=, _, _, _, _).
'$ord_intersect'(>, H1, T1, _, T2) :- ord_intersect([H1|T1], T2).

ord_disjoint(Set1, Set2) :- \\+ ord_intersect(Set1, Set2).

ord_intersect(Set1, Set2, Intersection) :- ord_intersection(Set1, Set2, Intersection).

ord_intersection(Set1, Set2, Intersection) :-
    (   Intersection == []
    ->  ord_disjoint(Set1, Set2)
    ;   '$ord_int'(Set1, Set2, Intersection)
    ).

'$ord_int'([], _, []).
'$ord_int'([H1|T1], Set2, I) :- '$ord_int2'(Set2, H1, T1, I).

'$ord_int2'([], _, _, []).
'$ord_int2'([H2|T2], H1, T1, I) :-
    compare(O, H1, H2),
    '$ord_int3'(O, H1, T1, H2, T2, I).

'$ord_int3'(<, _, T1, H2, T2, I) :- '$ord_int2'(T1, H2, T2, I).
'$ord_int3'(=, H, T1, _, T2, [H|I]) :- '$ord_int'(T1, T2, I).
'$ord_int3'(>, H1, T1, _, T2, I) :- '$ord_int2'(T2, H1, T1, I).

% ord_intersection(+Set1, +Set2, ?Intersection, ?Difference): Difference is
% Set2 without Set1.
ord_intersection([], Set2, [], Set2) :- !.
ord_intersection([_|_], [], [], []) :- !.
ord_intersection([H1|T1], [H2|T2], I, D) :-
    compare(O, H1, H2),
    '$ord_int_diff'(O, H1, T1, H2, T2, I, D).

'$ord_int_diff'(<, _, T1, H2, T2, I, D) :- ord_intersection(T1, [H2|T2], I, D).
'$ord_int_diff'(=, H, T1, _, T2, [H|I], D) :- ord_intersection(T1, T2, I, D).
'$ord_int_diff'(>, H1, T1, H2, T2, I, [H2|D]) :- ord_intersection([H1|T1], T2, I, D).

% ord_intersection(+PowerSet, -Intersection): the smallest sets first. Fails
% on [].
ord_intersection(PowerSet, Intersection) :-
    '$must_be_list'(PowerSet),
    '$ord_by_length'(PowerSet, Keyed),
    keysort(Keyed, [_-S|Sorted]),
    '$ord_int_all'(Sorted, S, Intersection).

'$ord_by_length'([], []).
'$ord_by_length'([S|Ss], [N-S|Ks]) :-
    (   is_list(S) -> length(S, N)
    ;   throw(error(type_error(list, S), _))
    ),
    '$ord_by_length'(Ss, Ks).

'$ord_int_all'(_, [], I) :- !, I = [].
'$ord_int_all'([], S, S).
'$ord_int_all'([_-S|Ss], S0, I) :- '$ord_int'(S0, S, S1), '$ord_int_all'(Ss, S1, I).

ord_subset([], _).
ord_subset([H1|T1], [H2|T2]) :- compare(O, H1, H2), '$ord_subset'(O, H1, T1, T2).

'$ord_subset'(=, _, T1, T2) :- ord_subset(T1, T2).
'$ord_subset'(>, H1, T1, [H2|T2]) :- compare(O, H1, H2), '$ord_subset'(O, H1, T1, T2).

ord_subtract(Set, Delete, Diff) :-
    (   Set == [] -> Diff = []
    ;   Delete == [] -> Diff = Set
    ;   nonvar(Set), Set = [H1|T1] -> '$ord_diff21'(Delete, H1, T1, Diff)
    ;   '$ord_no_rule'(ord_subtract(Set, Delete, Diff))
    ).

'$ord_diff21'([], H1, T1, [H1|T1]).
'$ord_diff21'([H2|T2], H1, T1, Diff) :-
    compare(O, H1, H2),
    '$ord_diff3'(O, H1, T1, H2, T2, Diff).

'$ord_diff12'([], _, _, []).
'$ord_diff12'([H1|T1], H2, T2, Diff) :-
    compare(O, H1, H2),
    '$ord_diff3'(O, H1, T1, H2, T2, Diff).

'$ord_diff3'(<, H1, T1, H2, T2, [H1|Diff]) :- '$ord_diff12'(T1, H2, T2, Diff).
'$ord_diff3'(=, _, T1, _, T2, Diff) :- ord_subtract(T1, T2, Diff).
'$ord_diff3'(>, H1, T1, _, T2, Diff) :- '$ord_diff21'(T2, H1, T1, Diff).

ord_union(Set1, Set2, Union) :-
    '$ord_set_arg'(Set1, ord_union(Set1, Set2, Union)),
    (   Set1 = [H1|T1]
    ->  '$ord_union2'(Set2, H1, T1, Union)
    ;   Union = Set2
    ).

'$ord_union2'(Set2, H1, T1, Union) :-
    '$ord_set_arg'(Set2, union2(Set2, H1, T1, Union)),
    (   Set2 = [H2|T2]
    ->  compare(O, H1, H2),
        '$ord_union3'(O, H1, T1, H2, T2, Union)
    ;   Union = [H1|T1]
    ).

'$ord_union3'(<, H1, T1, H2, T2, [H1|Union]) :- '$ord_union2'(T1, H2, T2, Union).
'$ord_union3'(=, H, T1, _, T2, [H|Union]) :- ord_union(T1, T2, Union).
'$ord_union3'(>, H1, T1, H2, T2, [H2|Union]) :- '$ord_union2'(T2, H1, T1, Union).

% ord_union(+SetOfSets, -Union): merged pairwise, as a balanced tree.
ord_union(Sets, Union) :-
    '$ord_set_arg'(Sets, ord_union(Sets, Union)),
    (   Sets == []
    ->  Union = []
    ;   length(Sets, N),
        '$ord_union_n'(N, Sets, Union, [])
    ).

'$ord_union_n'(1, [Set|Sets], Set, Sets) :- !.
'$ord_union_n'(2, [Set1,Set2|Sets], Union, Sets) :- !, ord_union(Set1, Set2, Union).
'$ord_union_n'(N, Sets0, Union, Sets) :-
    A is N >> 1,
    Z is N - A,
    '$ord_union_n'(A, Sets0, X, Sets1),
    '$ord_union_n'(Z, Sets1, Y, Sets),
    ord_union(X, Y, Union).

% ord_union(+Set1, +Set2, -Union, -New): New is Set2 without Set1.
ord_union([], Set2, Set2, Set2).
ord_union([H|T], Set2, Union, New) :- '$ord_union_new1'(Set2, H, T, Union, New).

'$ord_union_new1'([], H, T, [H|T], []).
'$ord_union_new1'([H2|T2], H, T, Union, New) :-
    compare(O, H, H2),
    '$ord_union_new'(O, H, T, H2, T2, Union, New).

'$ord_union_new'(<, H, T, H2, T2, [H|Union], New) :- '$ord_union_new2'(T, H2, T2, Union, New).
'$ord_union_new'(=, H, T, _, T2, [H|Union], New) :- ord_union(T, T2, Union, New).
'$ord_union_new'(>, H, T, H2, T2, [H2|Union], [H2|New]) :-
    '$ord_union_new1'(T2, H, T, Union, New).

'$ord_union_new2'([], H2, T2, [H2|T2], [H2|T2]).
'$ord_union_new2'([H|T], H2, T2, Union, New) :-
    compare(O, H, H2),
    '$ord_union_new'(O, H, T, H2, T2, Union, New).

ord_symdiff([], Set2, Set2).
ord_symdiff([H1|T1], Set2, Diff) :- '$ord_symdiff'(Set2, H1, T1, Diff).

'$ord_symdiff'([], H1, T1, [H1|T1]).
'$ord_symdiff'([H2|T2], H1, T1, Diff) :-
    compare(O, H1, H2),
    '$ord_symdiff'(O, H1, T1, H2, T2, Diff).

'$ord_symdiff'(<, H1, T1, H2, T2, [H1|Diff]) :- '$ord_symdiff'(T1, H2, T2, Diff).
'$ord_symdiff'(=, _, T1, _, T2, Diff) :- ord_symdiff(T1, T2, Diff).
'$ord_symdiff'(>, H1, T1, H2, T2, [H2|Diff]) :- '$ord_symdiff'(T2, H1, T1, Diff).

% ord_range(+Set, +Min, +Max, -Range): the elements from Min to Max, inclusive.
ord_range(Set, Min, Max, Range) :-
    '$ord_set_arg'(Set, ord_range(Set, Min, Max, Range)),
    '$ord_range_skip'(Set, Min, Max, Range).

'$ord_range_skip'([], _, _, []).
'$ord_range_skip'([X|Xs], Min, Max, Range) :-
    (   X @< Min
    ->  '$ord_range_skip'(Xs, Min, Max, Range)
    ;   '$ord_range_take'([X|Xs], Max, Range)
    ).

'$ord_range_take'([], _, []).
'$ord_range_take'([X|Xs], Max, Range) :-
    (   X @=< Max
    ->  Range = [X|Range1],
        '$ord_range_take'(Xs, Max, Range1)
    ;   Range = []
    ).
`;
