% backtracking: twenty choices, three nested; query test(A,B,C), first 10 solutions
% (heavy variant: all solutions, 8000 combinations explored).
choice(0).
choice(1).
choice(2).
choice(3).
choice(4).
choice(5).
choice(6).
choice(7).
choice(8).
choice(9).
choice(10).
choice(11).
choice(12).
choice(13).
choice(14).
choice(15).
choice(16).
choice(17).
choice(18).
choice(19).

test(A, B, C) :- choice(A), choice(B), choice(C), A < B, B < C.
