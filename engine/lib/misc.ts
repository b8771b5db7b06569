/**
 * Library predicates written in Prolog: the module-system stand-ins and
 * small SWI-Prolog system predicates.
 *
 * There is one module, `user`, and every library is built in: `M:Goal`
 * calls Goal (`call/N` adds the extra arguments to Goal), `module/2` is a
 * no-op, and `use_module/1,2` accepts the libraries Byrd has and raises
 * `existence_error(source_sink, library(Name))` for any other library; a
 * file spec is loaded with `ensure_loaded/1`.
 *
 * @module
 */

/** Prolog source of the misc library. */
export const source: string = `
use_module(Spec) :- '$use_module'(Spec).
use_module(Spec, _) :- '$use_module'(Spec).

'$use_module'(Spec) :-
    (   var(Spec) -> throw(error(instantiation_error, _))
    ;   Spec = library(Name)
    ->  (   '$library'(Name) -> true
        ;   throw(error(existence_error(source_sink, Spec), _))
        )
    ;   ensure_loaded(Spec)
    ).

'$library'(Name) :- atom(Name), '$library_name'(Name), !.

'$library_name'(lists).
'$library_name'(apply).
'$library_name'(ordsets).
'$library_name'(assoc).
'$library_name'(pairs).
'$library_name'(yall).
'$library_name'(aggregate).
'$library_name'(solution_sequences).
'$library_name'(error).
'$library_name'(debug).
'$library_name'(random).
'$library_name'(dif).
'$library_name'(when).
'$library_name'(sort).

module(_, _).

% M:Goal. The module must be an atom; Byrd has one module.
':'(M, G) :- '$module'(M), call(G).
':'(M, G, A1) :- '$module'(M), call(G, A1).
':'(M, G, A1, A2) :- '$module'(M), call(G, A1, A2).
':'(M, G, A1, A2, A3) :- '$module'(M), call(G, A1, A2, A3).
':'(M, G, A1, A2, A3, A4) :- '$module'(M), call(G, A1, A2, A3, A4).
':'(M, G, A1, A2, A3, A4, A5) :- '$module'(M), call(G, A1, A2, A3, A4, A5).
':'(M, G, A1, A2, A3, A4, A5, A6) :- '$module'(M), call(G, A1, A2, A3, A4, A5, A6).
':'(M, G, A1, A2, A3, A4, A5, A6, A7) :- '$module'(M), call(G, A1, A2, A3, A4, A5, A6, A7).

'$module'(M) :-
    (   atom(M) -> true
    ;   var(M) -> throw(error(instantiation_error, _))
    ;   throw(error(type_error(module, M), _))
    ).

% copy_term_nat/2: copy_term/2 without attributes; Byrd has no attributed
% variables yet, so the two are the same.
copy_term_nat(Term, Copy) :- copy_term(Term, Copy).

% atomics_to_string(+List, -String): the texts of the atomics, concatenated.
atomics_to_string(List, String) :-
    atomic_list_concat(List, Atom),
    atom_string(Atom, String).

% writef(+Format, +Arguments) (SWI): %w writes the next argument, %p prints
% it, %d writes it, \\\\n and \\\\l write a newline; writef/1 has no arguments.
writef(Format) :- writef(Format, []).
writef(Format, Args) :-
    '$must_be_list'(Args),
    atom_codes(Format, Codes),
    '$writef'(Codes, Args).

'$writef'([], _).
'$writef'([0'%, C|Cs], Args) :- '$writef_arg'(C, Args, Rest), !, '$writef'(Cs, Rest).
'$writef'([0'\\\\, C|Cs], Args) :- '$writef_escape'(C), !, '$writef'(Cs, Args).
'$writef'([C|Cs], Args) :- put_code(C), '$writef'(Cs, Args).

'$writef_arg'(0'w, [A|As], As) :- write(A).
'$writef_arg'(0'p, [A|As], As) :- print(A).
'$writef_arg'(0'd, [A|As], As) :- write(A).

'$writef_escape'(0'n) :- nl.
'$writef_escape'(0'l) :- nl.
'$writef_escape'(0't) :- put_char('\\t').
'$writef_escape'(0'\\\\) :- put_char('\\\\').
`;
