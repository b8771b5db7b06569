/**
 * Library predicates written in Prolog: SWI-Prolog's
 * `library(solution_sequences)` (`limit/2`, `offset/2`, `call_nth/2`,
 * `distinct/1,2`, `order_by/2`, `group_by/4`) and `findnsols/4,5`.
 *
 * Counters that must survive backtracking into the goal live in a state
 * term each call makes afresh, changed with `nb_setarg/3`. `distinct/1,2`
 * and `findnsols/4,5` keep their tables in TS, keyed by that state term
 * (engine/builtins/system.ts).
 *
 * @module
 */

/** Prolog source of the solution_sequences library. */
export const source: string = `
% limit(+Count, :Goal): at most Count solutions; the last one cuts Goal.
limit(Count, Goal) :-
    Count == infinite, !,
    call(Goal).
limit(Count, Goal) :-
    Count > 0,
    State = '$count'(0),
    call(Goal),
    arg(1, State, N0),
    N is N0 + 1,
    (   N =:= Count -> !
    ;   nb_setarg(1, State, N)
    ).

% offset(+Count, :Goal): skips the first Count solutions.
offset(Count, Goal) :-
    Count > 0, !,
    State = '$count'(0),
    call(Goal),
    arg(1, State, N0),
    (   N0 >= Count -> true
    ;   N is N0 + 1,
        nb_setarg(1, State, N),
        fail
    ).
offset(Count, Goal) :-
    Count =:= 0, !,
    call(Goal).
offset(Count, _) :-
    throw(error(domain_error(not_less_than_zero, Count), _)).

% call_nth(:Goal, ?Nth): Nth counts the solutions from 1; a given Nth
% succeeds once, on that solution.
call_nth(Goal, Nth) :-
    integer(Nth), !,
    (   Nth > 0
    ->  (   call_nth(Goal, Sofar), Sofar =:= Nth -> true )
    ;   throw(error(domain_error(not_less_than_one, Nth), _))
    ).
call_nth(Goal, Nth) :-
    var(Nth), !,
    State = '$count'(0),
    call(Goal),
    arg(1, State, N0),
    Nth is N0 + 1,
    nb_setarg(1, State, Nth).
call_nth(_, Nth) :-
    must_be(integer, Nth).

% distinct(:Goal), distinct(?Witness, :Goal): only the first solution of
% each variant of Witness.
distinct(Goal) :- distinct(Goal, Goal).

distinct(Witness, Goal) :-
    term_variables(Witness, Vars),
    W =.. [v|Vars],
    State = '$distinct'(seen),
    call(Goal),
    '$variant_seen'(State, W).

% order_by(+Spec, :Goal): all solutions of Goal, sorted by Spec, a list of
% asc(Term) and desc(Term).
order_by(Spec, Goal) :-
    must_be(list, Spec),
    (   Spec == [] -> throw(error(domain_error(non_empty_list, []), _)) ; true ),
    '$order_witnesses'(Spec, Ws0),
    '$order_join'(Ws0, Ws),
    term_variables(Goal, GVars0),
    sort(GVars0, GVars),
    term_variables(Ws, WVars0),
    sort(WVars0, WVars),
    ord_subtract(GVars, WVars, OVars),
    Others =.. [t|OVars],
    reverse(Ws, RevWs),
    '$order_keys'(RevWs, Keys),
    Template =.. [v, Others|Keys],
    findall(Template, Goal, Results),
    '$order_sort'(RevWs, 2, Results, Ordered),
    member(Template, Ordered).

'$order_witnesses'([], []).
'$order_witnesses'([S|Ss], [W|Ws]) :-
    '$order_witness'(S, W),
    '$order_witnesses'(Ss, Ws).

'$order_witness'(S, _) :- var(S), !, throw(error(instantiation_error, _)).
'$order_witness'(asc(T), asc(W)) :- !, term_variables(T, Vs), W =.. [v|Vs].
'$order_witness'(desc(T), desc(W)) :- !, term_variables(T, Vs), W =.. [v|Vs].
'$order_witness'(S, _) :- throw(error(domain_error(order_specifier, S), _)).

% Adjacent keys in the same direction make one key.
'$order_join'([], []).
'$order_join'([W|Ws0], [J|Ws]) :-
    functor(W, Dir, 1),
    arg(1, W, K),
    '$order_same'(Ws0, Dir, Ks, Rest),
    (   Ks == [] -> J = W
    ;   term_variables([K|Ks], Vs),
        V =.. [v|Vs],
        J =.. [Dir, V]
    ),
    '$order_join'(Rest, Ws).

'$order_same'([W|Ws], Dir, [K|Ks], Rest) :-
    functor(W, Dir, 1), !,
    arg(1, W, K),
    '$order_same'(Ws, Dir, Ks, Rest).
'$order_same'(Ws, _, [], Ws).

'$order_keys'([], []).
'$order_keys'([W|Ws], [K|Ks]) :- arg(1, W, K), '$order_keys'(Ws, Ks).

% Stable sorts from the least significant key to the most significant one.
'$order_sort'([], _, Results, Results).
'$order_sort'([W|Ws], N, Results0, Results) :-
    (   functor(W, asc, 1) -> sort(N, @=<, Results0, Results1)
    ;   sort(N, @>=, Results0, Results1)
    ),
    N1 is N + 1,
    '$order_sort'(Ws, N1, Results1, Results).

% group_by(+By, +Template, :Goal, -Bag): bagof/3 of Template for each
% binding of By; the other variables of Goal are existential.
group_by(By, Template, Goal, Bag) :-
    term_variables(Goal, GVars0),
    sort(GVars0, GVars),
    term_variables(By+Template, UVars0),
    sort(UVars0, UVars),
    ord_subtract(GVars, UVars, ExVars),
    bagof(Template, ExVars^Goal, Bag).

% findnsols(+N, @Template, :Goal, -List[, ?Tail]): findall/3,4 in chunks of
% at most N solutions; backtracking gives the next chunk. N may be
% count(N), whose argument can be changed with nb_setarg/3 between chunks.
% The last chunk ends the search without a choicepoint when Goal exits
% deterministically.
findnsols(N, Template, Goal, List) :- findnsols(N, Template, Goal, List, []).

findnsols(N, Template, Goal, List, Tail) :-
    (   integer(N) -> Count = count(N)
    ;   nonvar(N), N = count(I), integer(I) -> Count = N
    ;   throw(error(type_error(integer, N), _))
    ),
    arg(1, Count, C),
    (   C > 0
    ->  copy_term(Template+Goal, T+G),
        '$findnsols'(Count, T, G, List, Tail)
    ;   C =:= 0
    ->  Tail = List
    ;   throw(error(domain_error(not_less_than_zero, C), _))
    ).

'$findnsols'(Count, T, G, List, Tail) :-
    arg(1, Count, Stop),
    State = '$nsols'(Stop, 0),
    (   '$choice_height'(H0),
        call(G),
        '$choice_height'(H1),
        '$nsols_add'(State, T),
        H1 > H0,
        arg(2, State, F0),
        F is F0 + 1,
        nb_setarg(2, State, F),
        arg(1, State, F),
        '$nsols_collect'(State, List, Tail),
        (   true
        ;   arg(1, Count, Incr),
            Next is F + Incr,
            nb_setarg(1, State, Next),
            fail
        )
    ;   '$nsols_collect'(State, List, Tail)
    ).
`;
