/**
 * Library predicates written in Prolog: SWI-Prolog's `library(error)`
 * type checks, `must_be/2` and `is_of_type/2`, with SWI's type names and
 * errors, and `assertion/1` from `library(debug)`. The error-raising
 * helpers (`type_error/2`, `domain_error/2`, ...) are TS builtins
 * (engine/builtins/_db_system.ts); `instantiation_error/1` and
 * `existence_error/3` are here.
 *
 * `must_be(Type, X)` raises `instantiation_error` when X is (or, for the
 * list types, ends in) a variable, `type_error(Type, X)` when it is of the
 * wrong type, `type_error(ElementType, E)` for the first bad element of a
 * `list(ElementType)`, `uninstantiation_error(X)` for type `var`, and
 * `existence_error(type, Type)` for an unknown type. As in SWI-Prolog since
 * 2016, a value out of range (`must_be(nonneg, -1)`,
 * `must_be(between(1, 3), 5)`) is a type error too.
 *
 * @module
 */

/** Prolog source of the error library. */
export const source: string = `
instantiation_error(_) :- throw(error(instantiation_error, _)).

existence_error(Type, Culprit, Set) :-
    throw(error(existence_error(Type, Culprit, Set), _)).

must_be(Type, X) :-
    (   var(Type) -> throw(error(instantiation_error, _))
    ;   '$has_type'(Type, X) -> true
    ;   '$is_not'(Type, X)
    ).

is_of_type(Type, X) :-
    (   var(Type) -> throw(error(instantiation_error, _))
    ;   '$has_type'(Type, X) -> true
    ).

'$is_not'(list, X) :- !, '$not_a_list'(list, X).
'$is_not'(list(Of), X) :- !, '$not_a_list'(list(Of), X).
'$is_not'(list_or_partial_list, X) :- !, throw(error(type_error(list, X), _)).
'$is_not'(chars, X) :- !, '$not_a_list'(list(char), X).
'$is_not'(codes, X) :- !, '$not_a_list'(list(code), X).
'$is_not'(var, X) :- !, throw(error(uninstantiation_error(X), _)).
'$is_not'(cyclic, X) :- !, throw(error(domain_error(cyclic_term, X), _)).
'$is_not'(acyclic, X) :- !, throw(error(domain_error(acyclic_term, X), _)).
'$is_not'(Type, X) :-
    '$known_type'(Type), !,
    (   var(X) -> throw(error(instantiation_error, _))
    ;   '$ground_type'(Type), \\+ ground(X) -> throw(error(instantiation_error, _))
    ;   throw(error(type_error(Type, X), _))
    ).
'$is_not'(Type, _) :- throw(error(existence_error(type, Type), _)).

'$ground_type'(ground).
'$ground_type'(oneof(_)).
'$ground_type'(stream).
'$ground_type'(text).
'$ground_type'(string).
'$ground_type'(rational).

% X is not a proper list of Type: a partial list is an instantiation
% error, a proper one has a bad element, anything else is a type error.
'$not_a_list'(Type, X) :-
    (   is_list(X)
    ->  (   Type = list(Of)
        ->  (   nonvar(Of) -> '$element_is_not'(X, Of)
            ;   throw(error(instantiation_error, _))
            )
        ;   throw(error(type_error(Type, X), _))
        )
    ;   '$is_list_or_partial'(X) -> throw(error(instantiation_error, _))
    ;   throw(error(type_error(Type, X), _))
    ).

'$element_is_not'([H|T], Of) :-
    (   '$has_type'(Of, H) -> '$element_is_not'(T, Of)
    ;   '$is_not'(Of, H)
    ).

'$is_list_or_partial'(X) :- catch('$must_be_list_or_partial'(X), error(_, _), fail).

% The types has_type/2 knows, as SWI finds them with clause/2.
'$known_type'(Type) :- \\+ \\+ '$type_name'(Type).

'$type_name'(any).
'$type_name'(atom).
'$type_name'(atomic).
'$type_name'(between(_, _)).
'$type_name'(boolean).
'$type_name'(callable).
'$type_name'(char).
'$type_name'(code).
'$type_name'(chars).
'$type_name'(codes).
'$type_name'(text).
'$type_name'(compound).
'$type_name'(compound(_)).
'$type_name'(constant).
'$type_name'(float).
'$type_name'(ground).
'$type_name'(cyclic).
'$type_name'(acyclic).
'$type_name'(integer).
'$type_name'(nonneg).
'$type_name'(positive_integer).
'$type_name'(negative_integer).
'$type_name'(nonvar).
'$type_name'(number).
'$type_name'(oneof(_)).
'$type_name'(pair).
'$type_name'(proper_list).
'$type_name'(list).
'$type_name'(list_or_partial_list).
'$type_name'(symbol).
'$type_name'(var).
'$type_name'(rational).
'$type_name'(string).
'$type_name'(stream).
'$type_name'(encoding).
'$type_name'(dict).
'$type_name'(list(_)).
'$type_name'(list_or_partial_list(_)).
'$type_name'(type).
'$type_name'((_, _)).
'$type_name'((_ ; _)).
'$type_name'(\\_).
'$type_name'(assoc).

'$has_type'(any, _).
'$has_type'(atom, X) :- atom(X).
'$has_type'(atomic, X) :- atomic(X).
'$has_type'(between(L, U), X) :-
    (   integer(L) -> integer(X), between(L, U, X)
    ;   number(X), X >= L, X =< U
    ).
'$has_type'(boolean, X) :- ( X == true -> true ; X == false ).
'$has_type'(callable, X) :- callable(X).
'$has_type'(char, X) :- atom(X), atom_length(X, 1).
'$has_type'(code, X) :- integer(X), X >= 0, X =< 0x10ffff.
'$has_type'(chars, X) :- is_list(X), '$all_of_type'(X, char).
'$has_type'(codes, X) :- is_list(X), '$all_of_type'(X, code).
'$has_type'(text, X) :-
    (   atom(X) -> true
    ;   string(X) -> true
    ;   '$has_type'(chars, X) -> true
    ;   '$has_type'(codes, X)
    ).
'$has_type'(compound, X) :- compound(X).
'$has_type'(compound(T), X) :-
    compound(X), compound(T),
    functor(T, N, A), functor(X, N, A),
    T =.. [_|Types], X =.. [_|Args],
    '$args_of_types'(Types, Args).
'$has_type'(constant, X) :- atomic(X).
'$has_type'(float, X) :- float(X).
'$has_type'(ground, X) :- ground(X).
'$has_type'(cyclic, X) :- cyclic_term(X).
'$has_type'(acyclic, X) :- acyclic_term(X).
'$has_type'(integer, X) :- integer(X).
'$has_type'(nonneg, X) :- integer(X), X >= 0.
'$has_type'(positive_integer, X) :- integer(X), X > 0.
'$has_type'(negative_integer, X) :- integer(X), X < 0.
'$has_type'(nonvar, X) :- nonvar(X).
'$has_type'(number, X) :- number(X).
'$has_type'(oneof(L), X) :- ground(X), \\+ \\+ memberchk(X, L).
'$has_type'(pair, X) :- nonvar(X), X = _-_.
'$has_type'(proper_list, X) :- is_list(X).
'$has_type'(list, X) :- is_list(X).
'$has_type'(list_or_partial_list, X) :- '$is_list_or_partial'(X).
'$has_type'(symbol, X) :- atom(X).
'$has_type'(var, X) :- var(X).
'$has_type'(rational, X) :- integer(X).
'$has_type'(string, X) :- string(X).
'$has_type'(stream, X) :- is_stream(X).
'$has_type'(encoding, X) :-
    atom(X),
    memberchk(X, [octet, ascii, iso_latin_1, text, utf8, unicode_be, unicode_le, wchar_t]).
'$has_type'(dict, _) :- fail.
'$has_type'(list(Type), X) :- is_list(X), '$element_types'(X, Type).
'$has_type'(list_or_partial_list(Type), X) :-
    '$is_list_or_partial'(X),
    '$element_types'(X, Type).
'$has_type'(type, T) :- ground(T), '$known_type'(T).
'$has_type'((A, B), X) :- ( is_of_type(A, X) -> is_of_type(B, X) ).
'$has_type'((A ; B), X) :- ( is_of_type(A, X) -> true ; is_of_type(B, X) ).
'$has_type'(\\A, X) :- \\+ is_of_type(A, X).
'$has_type'(assoc, X) :- ( X == t -> true ; compound(X), functor(X, t, 5) ).

'$all_of_type'([], _).
'$all_of_type'([X|Xs], T) :- '$has_type'(T, X), '$all_of_type'(Xs, T).

'$element_types'(List, Type) :-
    (   var(Type) -> throw(error(instantiation_error, _))
    ;   '$element_types_'(List, Type)
    ).

'$element_types_'(L, _) :- var(L), !.
'$element_types_'([], _).
'$element_types_'([H|T], Type) :- '$has_type'(Type, H), !, '$element_types_'(T, Type).

'$args_of_types'([], []).
'$args_of_types'([T|Ts], [A|As]) :- '$has_type'(T, A), '$args_of_types'(Ts, As).

% assertion(:Goal): succeeds once if Goal does, leaving no bindings. If it
% fails or raises E, prints "Assertion failed" on user_error and raises
% error(assertion_error(fail or E, user:Goal), _), as SWI does outside an
% interactive toplevel.
assertion(G) :-
    \\+ \\+ catch(G, E, '$assertion_failed'(E, G)), !.
assertion(G) :-
    '$assertion_failed'(fail, G).

'$assertion_failed'(Reason, G) :-
    print_message(error, format("Assertion failed: ~q", [user:G])),
    throw(error(assertion_error(Reason, user:G), _)).
`;
