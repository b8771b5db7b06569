/**
 * Library predicates written in Prolog: SWI-Prolog's `library(assoc)`,
 * association lists as AVL trees. The terms are SWI's: the empty tree is
 * `t` and a node is `t(Key, Value, Balance, Left, Right)` with `Balance`
 * one of `<` (left deeper), `-` and `>` (right deeper). Insertion,
 * deletion and `list_to_assoc/2` follow SWI's algorithms, so the same
 * calls build the same trees (the shapes show when an assoc is written).
 *
 * Errors follow SWI: `get_assoc/3` on something that is not a tree raises
 * `type_error(btree, T)`; the predicates SWI defines with single-sided
 * unification raise `existence_error(matching_rule, assoc:Goal)` for an
 * unbound or malformed tree; `list_to_assoc/2` raises
 * `domain_error(unique_key_pairs, List)` for a repeated key.
 *
 * @module
 */

/** Prolog source of the assoc library. */
export const source: string = `
empty_assoc(t).

'$assoc_no_rule'(Goal) :- throw(error(existence_error(matching_rule, assoc:Goal), _)).

% True for t and t/5, the terms the matching rules accept.
'$assoc_node'(T) :- nonvar(T), ( T == t -> true ; functor(T, t, 5) ).

get_assoc(Key, Assoc, Val) :-
    (   Assoc == t -> fail
    ;   nonvar(Assoc), Assoc = t(K, V, _, L, R)
    ->  compare(O, Key, K),
        '$get_assoc'(O, Key, Val, V, L, R)
    ;   throw(error(type_error(btree, Assoc), _))
    ).

'$get_assoc'(=, _, Val, Val, _, _).
'$get_assoc'(<, Key, Val, _, t(K, V, _, L, R), _) :-
    compare(O, Key, K),
    '$get_assoc'(O, Key, Val, V, L, R).
'$get_assoc'(>, Key, Val, _, _, t(K, V, _, L, R)) :-
    compare(O, Key, K),
    '$get_assoc'(O, Key, Val, V, L, R).

% get_assoc(+Key, +Assoc0, ?Val0, ?Assoc, ?Val): Assoc is Assoc0 with the
% value of Key changed from Val0 to Val.
get_assoc(Key, A0, Val0, A, Val) :-
    (   '$assoc_node'(A0) -> '$get_assoc5'(A0, Key, Val0, A, Val)
    ;   '$assoc_no_rule'(get_assoc(Key, A0, Val0, A, Val))
    ).

'$get_assoc5'(t(K, V, B, L, R), Key, Val0, t(K, NV, B, NL, NR), Val) :-
    compare(O, Key, K),
    '$get_assoc5'(O, Key, V, L, R, Val0, NV, NL, NR, Val).

'$get_assoc5'(=, _, V, L, R, V, NV, L, R, NV).
'$get_assoc5'(<, Key, V, L, R, Val0, V, NL, R, Val) :- '$get_assoc5'(L, Key, Val0, NL, Val).
'$get_assoc5'(>, Key, V, L, R, Val0, V, L, NR, Val) :- '$get_assoc5'(R, Key, Val0, NR, Val).

% gen_assoc(?Key, +Assoc, ?Value): in-order enumeration (get_assoc/3 when
% Key is ground).
gen_assoc(Key, Assoc, Val) :-
    (   ground(Key) -> get_assoc(Key, Assoc, Val)
    ;   '$assoc_node'(Assoc) -> '$gen_assoc'(Assoc, Key, Val)
    ;   '$assoc_no_rule'(gen_assoc_(Key, Assoc, Val))
    ).

'$gen_assoc'(t(K, V, _, L, R), Key, Val) :- '$gen_assoc'(Key, Val, K, V, L, R).

'$gen_assoc'(Key, Val, _, _, L, _) :- '$gen_assoc'(L, Key, Val).
'$gen_assoc'(Key, Val, Key, Val, _, _).
'$gen_assoc'(Key, Val, _, _, _, R) :- '$gen_assoc'(R, Key, Val).

assoc_to_list(Assoc, List) :- '$assoc_to_list'(Assoc, List, []).

'$assoc_to_list'(t(K, V, _, L, R), List, Rest) :-
    '$assoc_to_list'(L, List, [K-V|More]),
    '$assoc_to_list'(R, More, Rest).
'$assoc_to_list'(t, List, List).

assoc_to_keys(Assoc, List) :- '$assoc_to_keys'(Assoc, List, []).

'$assoc_to_keys'(t(K, _, _, L, R), List, Rest) :-
    '$assoc_to_keys'(L, List, [K|More]),
    '$assoc_to_keys'(R, More, Rest).
'$assoc_to_keys'(t, List, List).

assoc_to_values(Assoc, List) :- '$assoc_to_values'(Assoc, List, []).

'$assoc_to_values'(t(_, V, _, L, R), List, Rest) :-
    '$assoc_to_values'(L, List, [V|More]),
    '$assoc_to_values'(R, More, Rest).
'$assoc_to_values'(t, List, List).

% is_assoc(+Assoc): a well-formed AVL tree: keys strictly ascending and
% every balance mark true to the depths.
is_assoc(Assoc) :- nonvar(Assoc), '$is_assoc'(Assoc, _, _, _).

'$is_assoc'(t, X, X, 0) :- !.
'$is_assoc'(t(K, _, -, t, t), K, K, 1) :- !.
'$is_assoc'(t(K, _, >, t, t(RK, _, -, t, t)), K, RK, 2) :- !, K @< RK.
'$is_assoc'(t(K, _, <, t(LK, _, -, t, t), t), LK, K, 2) :- !, LK @< K.
'$is_assoc'(t(K, _, B, L, R), Min, Max, Depth) :-
    '$is_assoc'(L, Min, LMax, LDepth),
    '$is_assoc'(R, RMin, Max, RDepth),
    compare(Rel, RDepth, LDepth),
    '$assoc_balance'(Rel, B),
    LMax @< K,
    K @< RMin,
    Depth is max(LDepth, RDepth) + 1.

'$assoc_balance'(=, -).
'$assoc_balance'(<, <).
'$assoc_balance'(>, >).

% list_to_assoc(+Pairs, -Assoc): a balanced tree, built directly from the
% keysorted pairs.
list_to_assoc(List, Assoc) :-
    (   List == []
    ->  Assoc = t
    ;   keysort(List, Sorted),
        (   '$assoc_ord_pairs'(Sorted)
        ->  length(Sorted, N),
            '$list_to_assoc'(N, Sorted, [], _, Assoc)
        ;   throw(error(domain_error(unique_key_pairs, List), _))
        )
    ).

ord_list_to_assoc(Sorted, Assoc) :-
    (   Sorted == []
    ->  Assoc = t
    ;   '$assoc_ord_pairs'(Sorted)
    ->  length(Sorted, N),
        '$list_to_assoc'(N, Sorted, [], _, Assoc)
    ;   throw(error(domain_error(key_ordered_pairs, Sorted), _))
    ).

'$assoc_ord_pairs'([K-_|T]) :- '$assoc_ord_pairs'(T, K).

'$assoc_ord_pairs'([], _).
'$assoc_ord_pairs'([K-_|T], K0) :- K0 @< K, '$assoc_ord_pairs'(T, K).

% The first N pairs of List make a tree of depth Depth; More is the rest.
% The left subtree takes the odd pair out.
'$list_to_assoc'(1, [K-V|More], More, 1, t(K, V, -, t, t)) :- !.
'$list_to_assoc'(2, [K1-V1,K2-V2|More], More, 2, t(K2, V2, <, t(K1, V1, -, t, t), t)) :- !.
'$list_to_assoc'(N, List, More, Depth, t(K, V, Balance, L, R)) :-
    N0 is N - 1,
    RN is N0 // 2,
    LN is N0 - RN,
    '$list_to_assoc'(LN, List, [K-V|Upper], LDepth, L),
    '$list_to_assoc'(RN, Upper, More, RDepth, R),
    Depth is LDepth + 1,
    compare(O, RDepth, LDepth),
    '$assoc_balance'(O, Balance).

map_assoc(Pred, Assoc) :-
    (   '$assoc_node'(Assoc) -> '$map_assoc'(Assoc, Pred)
    ;   '$assoc_no_rule'(map_assoc_(Assoc, Pred))
    ).

'$map_assoc'(t, _).
'$map_assoc'(t(_, V, _, L, R), Pred) :-
    '$map_assoc'(L, Pred),
    call(Pred, V),
    '$map_assoc'(R, Pred).

map_assoc(Pred, A0, A) :-
    (   '$assoc_node'(A0) -> '$map_assoc'(A0, Pred, A)
    ;   '$assoc_no_rule'(map_assoc_(A0, Pred, A))
    ).

'$map_assoc'(t, _, t).
'$map_assoc'(t(K, V, B, L0, R0), Pred, t(K, W, B, L, R)) :-
    '$map_assoc'(L0, Pred, L),
    call(Pred, V, W),
    '$map_assoc'(R0, Pred, R).

max_assoc(Assoc, Key, Val) :-
    (   '$assoc_node'(Assoc) -> Assoc = t(K, V, _, _, R), '$max_assoc'(R, K, V, Key, Val)
    ;   '$assoc_no_rule'(max_assoc(Assoc, Key, Val))
    ).

'$max_assoc'(t, K, V, K, V).
'$max_assoc'(t(K, V, _, _, R), _, _, Key, Val) :- '$max_assoc'(R, K, V, Key, Val).

min_assoc(Assoc, Key, Val) :-
    (   '$assoc_node'(Assoc) -> Assoc = t(K, V, _, L, _), '$min_assoc'(L, K, V, Key, Val)
    ;   '$assoc_no_rule'(min_assoc(Assoc, Key, Val))
    ).

'$min_assoc'(t, K, V, K, V).
'$min_assoc'(t(K, V, _, L, _), _, _, Key, Val) :- '$min_assoc'(L, K, V, Key, Val).

% ---------------------------------------------------------------- insertion

put_assoc(Key, A0, Value, A) :-
    (   '$assoc_node'(A0) -> '$assoc_insert'(A0, Key, Value, A, _)
    ;   '$assoc_no_rule'(insert(A0, Key, Value, A, _))
    ).

% '$assoc_insert'(+Tree, +K, +V, -NewTree, -HeightChanged)
'$assoc_insert'(t, K, V, t(K, V, -, t, t), yes).
'$assoc_insert'(t(Key, Val, B, L, R), K, V, New, Changed) :-
    compare(O, K, Key),
    '$assoc_insert'(O, Key, Val, B, L, R, K, V, New, Changed).

'$assoc_insert'(=, Key, _, B, L, R, _, V, t(Key, V, B, L, R), no).
'$assoc_insert'(<, Key, Val, B, L, R, K, V, New, Changed) :-
    '$assoc_insert'(L, K, V, L1, LChanged),
    '$assoc_grown'(LChanged, t(Key, Val, B, L1, R), left, New, Changed).
'$assoc_insert'(>, Key, Val, B, L, R, K, V, New, Changed) :-
    '$assoc_insert'(R, K, V, R1, RChanged),
    '$assoc_grown'(RChanged, t(Key, Val, B, L, R1), right, New, Changed).

% A subtree grew (yes) or not: fix the balance, rotating where needed.
'$assoc_grown'(no, T, _, T, no).
'$assoc_grown'(yes, t(K, V, B0, L, R), Side, New, Changed) :-
    '$assoc_grow_table'(B0, Side, B1, Changed, Rotate),
    '$assoc_rebalance'(Rotate, t(K, V, B0, L, R), B1, New, _, _).

% Old balance, side that grew: new balance, height changed, rotate.
'$assoc_grow_table'(-, left,  <, yes, no).
'$assoc_grow_table'(-, right, >, yes, no).
'$assoc_grow_table'(<, left,  -, no,  yes).
'$assoc_grow_table'(<, right, -, no,  no).
'$assoc_grow_table'(>, left,  -, no,  no).
'$assoc_grow_table'(>, right, -, no,  yes).

'$assoc_rebalance'(no, t(K, V, _, L, R), B, t(K, V, B, L, R), Changed, Changed).
'$assoc_rebalance'(yes, T, _, New, _, Changed) :- '$assoc_rotate'(T, New, Changed).

% The AVL rotations; the last argument says whether the height changed.
'$assoc_rotate'(t(A, VA, >, Alpha, t(B, VB, >, Beta, Gamma)),
                t(B, VB, -, t(A, VA, -, Alpha, Beta), Gamma), yes) :- !.
'$assoc_rotate'(t(A, VA, >, Alpha, t(B, VB, -, Beta, Gamma)),
                t(B, VB, <, t(A, VA, >, Alpha, Beta), Gamma), no) :- !.
'$assoc_rotate'(t(B, VB, <, t(A, VA, <, Alpha, Beta), Gamma),
                t(A, VA, -, Alpha, t(B, VB, -, Beta, Gamma)), yes) :- !.
'$assoc_rotate'(t(B, VB, <, t(A, VA, -, Alpha, Beta), Gamma),
                t(A, VA, >, Alpha, t(B, VB, <, Beta, Gamma)), no) :- !.
'$assoc_rotate'(t(A, VA, >, Alpha, t(B, VB, <, t(X, VX, B1, Beta, Gamma), Delta)),
                t(X, VX, -, t(A, VA, B2, Alpha, Beta), t(B, VB, B3, Gamma, Delta)), yes) :- !,
    '$assoc_double'(B1, B2, B3).
'$assoc_rotate'(t(B, VB, <, t(A, VA, >, Alpha, t(X, VX, B1, Beta, Gamma)), Delta),
                t(X, VX, -, t(A, VA, B2, Alpha, Beta), t(B, VB, B3, Gamma, Delta)), yes) :- !,
    '$assoc_double'(B1, B2, B3).

'$assoc_double'(<, -, >).
'$assoc_double'(>, <, -).
'$assoc_double'(-, -, -).

% ---------------------------------------------------------------- deletion

del_assoc(Key, A0, Value, A) :-
    (   '$assoc_node'(A0) -> '$assoc_delete'(A0, Key, Value, A, _)
    ;   '$assoc_no_rule'(delete(A0, Key, Value, A, _))
    ).

'$assoc_delete'(t(Key, Val, B, L, R), K, V, New, Changed) :-
    compare(O, K, Key),
    '$assoc_delete'(O, t(Key, Val, B, L, R), K, V, New, Changed).

'$assoc_delete'(=, t(Key, Val, _, t, R), Key, Val, R, yes) :- !.
'$assoc_delete'(=, t(Key, Val, _, L, t), Key, Val, L, yes) :- !.
'$assoc_delete'(=, t(Key, Val, >, L, R), Key, Val, New, Changed) :- !,
    '$del_min_assoc'(R, K, V, R1, RChanged),
    '$assoc_shrunk'(RChanged, t(K, V, >, L, R1), right, New, Changed).
'$assoc_delete'(=, t(Key, Val, B, L, R), Key, Val, New, Changed) :- !,
    '$del_max_assoc'(L, K, V, L1, LChanged),
    '$assoc_shrunk'(LChanged, t(K, V, B, L1, R), left, New, Changed).
'$assoc_delete'(<, t(Key, Val, B, L, R), K, V, New, Changed) :-
    '$assoc_delete'(L, K, V, L1, LChanged),
    '$assoc_shrunk'(LChanged, t(Key, Val, B, L1, R), left, New, Changed).
'$assoc_delete'(>, t(Key, Val, B, L, R), K, V, New, Changed) :-
    '$assoc_delete'(R, K, V, R1, RChanged),
    '$assoc_shrunk'(RChanged, t(Key, Val, B, L, R1), right, New, Changed).

del_min_assoc(Tree, Key, Val, New) :- '$del_min_assoc'(Tree, Key, Val, New, _).

'$del_min_assoc'(t(Key, Val, _, t, R), Key, Val, R, yes) :- !.
'$del_min_assoc'(t(K, V, B, L, R), Key, Val, New, Changed) :-
    '$del_min_assoc'(L, Key, Val, L1, LChanged),
    '$assoc_shrunk'(LChanged, t(K, V, B, L1, R), left, New, Changed).

del_max_assoc(Tree, Key, Val, New) :- '$del_max_assoc'(Tree, Key, Val, New, _).

'$del_max_assoc'(t(Key, Val, _, L, t), Key, Val, L, yes) :- !.
'$del_max_assoc'(t(K, V, B, L, R), Key, Val, New, Changed) :-
    '$del_max_assoc'(R, Key, Val, R1, RChanged),
    '$assoc_shrunk'(RChanged, t(K, V, B, L, R1), right, New, Changed).

% A subtree got shallower (yes) or not.
'$assoc_shrunk'(no, T, _, T, no).
'$assoc_shrunk'(yes, t(K, V, B0, L, R), Side, New, Changed) :-
    '$assoc_shrink_table'(B0, Side, B1, Changed0, Rotate),
    '$assoc_rebalance'(Rotate, t(K, V, B0, L, R), B1, New, Changed0, Changed).

% Old balance, side that shrank: new balance, height changed, rotate.
'$assoc_shrink_table'(-, right, <, no,  no).
'$assoc_shrink_table'(-, left,  >, no,  no).
'$assoc_shrink_table'(<, right, -, yes, yes).
'$assoc_shrink_table'(<, left,  -, yes, no).
'$assoc_shrink_table'(>, right, -, yes, no).
'$assoc_shrink_table'(>, left,  -, yes, yes).
`;
