/**
 * Library predicates written in Prolog: SWI-Prolog's `library(aggregate)`:
 * `aggregate_all/3,4` (findall-based), `aggregate/3,4` (bagof- and
 * setof-based: one answer per binding of the free variables, `V^Goal`
 * marks V as not free), `foldall/4` and `foreach/2`.
 *
 * A template is `count`, `sum(E)`, `max(E)`, `min(E)`, `max(E, W)`,
 * `min(E, W)`, `bag(T)`, `set(T)` (and `count(T)` for `aggregate_all/3`),
 * or a compound of those such as `r(count, max(X))`. A maximum or minimum
 * compares numbers arithmetically and other terms by standard order; it
 * fails when there is no solution. A bad template raises
 * `domain_error(aggregate_template, T)` (`type_error` if T is not callable).
 *
 * @module
 */

/** Prolog source of the aggregate library. */
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
aggregate_all(Template, Goal, Result) :-
    '$agg_template'(Template, Pattern, Post, _, Agg),
    '$agg_strip'(Goal, Goal1, _, []),
    '$agg_conj'(Goal1, Post, Goal2),
    findall(Pattern, Goal2, List),
    '$agg_list'(Agg, List, Result).

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

aggregate_all(Template, Discriminator, Goal, Result) :-
    '$agg_template'(Template, Pattern, Post, _, Agg),
    '$agg_strip'(Goal, Goal1, _, []),
    '$agg_conj'(Goal1, Post, Goal2),
    findall(Discriminator-Pattern, Goal2, Pairs0),
    sort(Pairs0, Pairs),
    pairs_values(Pairs, List),
    '$agg_list'(Agg, List, Result).

aggregate(Template, Goal, Result) :-
    '$agg_bag_goal'(Template, Goal, Pattern, Goal2, Agg),
    bagof(Pattern, Goal2, List),
    '$agg_list'(Agg, List, Result).

aggregate(Template, Discriminator, Goal, Result) :-
    '$agg_bag_goal'(Template, Goal, Pattern, Goal2, Agg),
    setof(Discriminator-Pattern, Goal2, Pairs),
    pairs_values(Pairs, List),
    '$agg_list'(Agg, List, Result).

% foldall(:Folder, :Goal, +V0, -V): folds call(Folder, S0, S) over the
% solutions of Goal (Folder usually shares variables with Goal), keeping
% only the state between solutions.
foldall(Folder, Goal, V0, V) :-
    State = '$foldall'(V0),
    (   call(Goal),
        arg(1, State, S0),
        call(Folder, S0, S),
        nb_setarg(1, State, S),
        fail
    ;   arg(1, State, V)
    ).

% The goal for bagof/setof: Goal with its V^ prefixes and the template's
% expression variables existentially quantified, then the template's
% evaluation.
'$agg_bag_goal'(Template, Goal, Pattern, Goal3, Agg) :-
    '$agg_template'(Template, Pattern, Post, Vars, Agg),
    '$agg_strip'(Goal, Goal1, AllVars, Vars),
    '$agg_conj'(Goal1, Post, Goal2),
    '$agg_exists'(AllVars, Goal2, Goal3).

'$agg_strip'(G, G, Vs, Vs) :- var(G), !.
'$agg_strip'(V^G0, G, [V|Vs0], Vs) :- !, '$agg_strip'(G0, G, Vs0, Vs).
'$agg_strip'(G, G, Vs, Vs).

'$agg_conj'(G, true, G) :- !.
'$agg_conj'(G, P, (G, P)).

'$agg_exists'([], G, G).
'$agg_exists'([V|Vs], G0, V^G) :- '$agg_exists'(Vs, G0, G).

% '$agg_template'(+Template, -Pattern, -Post, -ExprVars, -Aggregate)
'$agg_template'(T, _, _, _, _) :- var(T), !, throw(error(instantiation_error, _)).
'$agg_template'(T, Pattern, Post, Vars, Agg) :- '$agg_simple'(T, Pattern, Post, Vars, Agg), !.
'$agg_template'(T, Pattern, Post, Vars, term(F, Aggs)) :-
    compound(T), !,
    T =.. [F|Args],
    '$agg_args'(Args, Patterns, Post, Vars, Aggs),
    Pattern =.. [F|Patterns].
'$agg_template'(T, _, _, _, _) :- '$agg_invalid'(T).

'$agg_args'([], [], true, [], []).
'$agg_args'([T|Ts], [P|Ps], Post, Vars, [A|As]) :-
    (   nonvar(T), '$agg_simple'(T, P, Post1, Vars1, A) -> true
    ;   '$agg_invalid'(T)
    ),
    '$agg_args'(Ts, Ps, Post2, Vars2, As),
    (   Post1 == true -> Post = Post2
    ;   Post2 == true -> Post = Post1
    ;   Post = (Post1, Post2)
    ),
    append(Vars1, Vars2, Vars).

'$agg_invalid'(T) :-
    (   callable(T) -> throw(error(domain_error(aggregate_template, T), _))
    ;   throw(error(type_error(aggregate_template, T), _))
    ).

'$agg_simple'(count, 1, true, [], count).
'$agg_simple'(sum(E), X, Post, Vars, sum) :- '$agg_expr'(E, X, Post, Vars).
'$agg_simple'(max(E), X, Post, Vars, max) :- '$agg_expr'(E, X, Post, Vars).
'$agg_simple'(min(E), X, Post, Vars, min) :- '$agg_expr'(E, X, Post, Vars).
'$agg_simple'(max(E, W), X-W, Post, Vars, max_witness) :- '$agg_expr'(E, X, Post, Vars).
'$agg_simple'(min(E, W), X-W, Post, Vars, min_witness) :- '$agg_expr'(E, X, Post, Vars).
'$agg_simple'(set(X), X, true, [], set).
'$agg_simple'(bag(X), X, true, [], bag).

% A plain variable is taken as it is (so atoms can be compared); an
% expression is evaluated per solution.
'$agg_expr'(E, X, Post, Vars) :-
    (   var(E) -> X = E, Post = true, Vars = []
    ;   Post = (X is E), Vars = [E]
    ).

'$agg_list'(bag, L, L).
'$agg_list'(set, L, S) :- sort(L, S).
'$agg_list'(count, L, C) :- length(L, C).
'$agg_list'(sum, L, S) :- '$agg_sum'(L, 0, S).
'$agg_list'(max, [H|T], M) :- '$agg_max'(T, H, M).
'$agg_list'(min, [H|T], M) :- '$agg_min'(T, H, M).
'$agg_list'(max_witness, [H|T], max(M, W)) :- '$agg_max_w'(T, H, M-W).
'$agg_list'(min_witness, [H|T], min(M, W)) :- '$agg_min_w'(T, H, M-W).
'$agg_list'(term(F, Aggs), Rows, Result) :-
    '$agg_columns'(Aggs, 1, Rows, Results),
    Result =.. [F|Results].

'$agg_columns'([], _, _, []).
'$agg_columns'([A|As], I, Rows, [R|Rs]) :-
    '$agg_column'(Rows, I, Col),
    '$agg_list'(A, Col, R),
    I1 is I + 1,
    '$agg_columns'(As, I1, Rows, Rs).

'$agg_column'([], _, []).
'$agg_column'([Row|Rows], I, [X|Xs]) :- arg(I, Row, X), '$agg_column'(Rows, I, Xs).

% SWI foreach(:Generator, :Goal): the conjunction of Goal's instances for
% every solution of Generator. Variables of Goal that are not in Generator
% are shared by all the instances (foreach(member(X, [1,2]), nth1(X, L, X))
% fills one list L), unlike forall/2, which proves each instance apart and
% binds nothing.
foreach(Generator, Goal) :-
    term_variables(Generator, GenVars0), sort(GenVars0, GenVars),
    term_variables(Goal, GoalVars0), sort(GoalVars0, GoalVars),
    ord_subtract(GoalVars, GenVars, Shared),
    (   Shared == []
    ->  \\+ (call(Generator), \\+ call(Goal))
    ;   ord_intersection(GenVars, GoalVars, Linked),
        Templ =.. [v|Linked],
        SharedT =.. [v|Shared],
        findall(Templ, Generator, Rows),
        '$foreach_prove'(Rows, Templ, SharedT, Goal)
    ).

'$foreach_prove'([], _, _, _).
'$foreach_prove'([Row|Rows], Templ, SharedT, Goal) :-
    copy_term(Templ/SharedT/Goal, Row/SharedT/Copy),
    call(Copy),
    '$foreach_prove'(Rows, Templ, SharedT, Goal).
`;
