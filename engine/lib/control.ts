/**
 * Library predicates written in Prolog: control (`once/1`, `repeat/0`, `ignore/1`,
 * `forall/2`, `not/1`, `apply/2`, `call_with_time_limit/2`, `call_with_inference_limit/3`) and the all-solutions family `bagof/3`
 * and `setof/3` (ISO 8.10.2, 8.10.3), built on `findall/3` and the TS
 * helpers `'$bagof_prepare'/5` and `'$bag_partition'/2`
 * (engine/builtins/lists.ts).
 *
 * @module
 */

/** Prolog source of the control library. */
export const source: string = `
% ISO 8.15.2: once/1. The cut is local to call/1.
once(Goal) :- call(Goal), !.

% ISO 8.15.3: repeat/0 succeeds again on each backtrack. The second clause
% is the last one, so no choicepoint piles up: it runs in constant space.
repeat.
repeat :- repeat.

% SWI ignore/1.
ignore(Goal) :- (call(Goal) -> true ; true).

% Edinburgh not/1, as \\+/1.
not(Goal) :- \\+ call(Goal).

% SWI call_with_time_limit/2: Goal as once/1, raising time_limit_exceeded
% once Time seconds have passed (checked every few thousand inferences).
% The limit ends when Goal succeeds, fails or raises.
call_with_time_limit(Time, Goal) :-
    '$time_limit_push'(Time, Mark),
    (   catch(Goal, E, ('$time_limit_pop'(Mark), throw(E)))
    ->  '$time_limit_pop'(Mark)
    ;   '$time_limit_pop'(Mark),
        fail
    ).

% SWI call_with_inference_limit/3: call(Goal) with at most Limit
% inferences for each of its solutions. Result is ! for a solution without
% a choicepoint left, true for one with, and inference_limit_exceeded when
% the limit stopped Goal (the exception is caught). Other exceptions pass.
call_with_inference_limit(Goal, Limit, Result) :-
    '$step_limit_push'(Limit, Mark),
    catch(( '$choice_height'(H0),
            Goal,
            '$choice_height'(H1),
            '$step_limit_exit'(Mark, Limit, H0, H1)
          ), E, true),
    (   nonvar(E)
    ->  !,
        '$step_limit_pop'(Mark),
        (   E == inference_limit_exceeded
        ->  Result = inference_limit_exceeded
        ;   throw(E)
        )
    ;   H1 == H0
    ->  !,
        Result = !
    ;   Result = true
    ).

% SWI forall/2.
forall(Cond, Action) :- \\+ (call(Cond), \\+ call(Action)).

% SWI apply/2: call Goal with the extra arguments in List.
apply(Goal, Extra) :-
    '$must_be_list'(Extra),
    Goal =.. List0,
    '$append_args'(List0, Extra, List),
    G =.. List,
    call(G).

'$append_args'([], L, L).
'$append_args'([H|T], L, [H|R]) :- '$append_args'(T, L, R).

% ISO 8.10.2: bagof/3. Without free variables this is findall/3 that fails
% on no solutions. Otherwise the Witness-Template pairs are split into
% groups of variant witnesses, sorted by witness (as SWI does), and each
% group is one solution.
bagof(Template, Goal, Instances) :-
    '$bagof_prepare'(Template, Goal, Instances, Iterated, Witness),
    (   Witness == v
    ->  findall(Template, Iterated, Instances),
        Instances \\== []
    ;   findall(Witness-Template, Iterated, Pairs),
        '$bag_partition'(Pairs, Groups),
        keysort(Groups, Sorted),
        '$bag_pick'(Sorted, Witness, Instances)
    ).

% ISO 8.10.3: setof/3 is bagof/3 with each bag sorted.
setof(Template, Goal, Set) :-
    '$bagof_prepare'(Template, Goal, Set, Iterated, Witness),
    (   Witness == v
    ->  findall(Template, Iterated, Bag),
        Bag \\== [],
        sort(Bag, Set)
    ;   findall(Witness-Template, Iterated, Pairs),
        '$bag_partition'(Pairs, Groups),
        keysort(Groups, Sorted),
        '$bag_pick'(Sorted, Witness, Bag),
        sort(Bag, Set)
    ).

% Enumerates the groups; no choicepoint is left after the last one.
'$bag_pick'([G|Gs], Witness, Bag) :- '$bag_pick'(Gs, G, Witness, Bag).

'$bag_pick'(_, Witness-Bag, Witness, Bag).
'$bag_pick'([G|Gs], _, Witness, Bag) :- '$bag_pick'(Gs, G, Witness, Bag).
`;
