"""TEST TOOL, not part of mer and not the real quadprog.

MER's model/gem.py imports the `quadprog` package, which cannot be installed on the machines that
make mer's fixtures. make_reference_fixtures.py puts this directory on the PYTHONPATH so that
gem.py imports this stand-in instead. Written for mer's tests; it only has what gem.py calls.

solve_qp(P, q, G, h) returns (x,) where x = argmin 1/2 x'Px - q'x subject to G'x >= h, for the
constraints GEM's project2cone2 passes (G = I, so x >= h), solved exactly in double precision:
with P = LL' (Cholesky; like quadprog, a ValueError when P is not positive definite) and x = h + w,
the problem is min 1/2 w'Pw + d'w over w >= 0 with d = Ph - q, which is the non-negative least
squares problem min |L'w + L^-1 d| over w >= 0, solved by Lawson and Hanson's active-set method
(scipy.optimize.nnls).
"""
import numpy as np
import scipy.linalg
import scipy.optimize


def solve_qp(P, q, G, h, meq=0):
    P = np.asarray(P, dtype=np.float64)
    q = np.asarray(q, dtype=np.float64)
    G = np.asarray(G, dtype=np.float64)
    h = np.asarray(h, dtype=np.float64)
    n = q.shape[0]
    if meq != 0 or G.shape != (n, n) or not np.array_equal(G, np.eye(n)):
        raise NotImplementedError('this stand-in solves only x >= h (G = I, meq = 0), as gem.py calls it')
    try:
        L = np.linalg.cholesky(P)
    except np.linalg.LinAlgError:
        raise ValueError('matrix G is not positive definite')
    d = P.dot(h) - q
    b = -scipy.linalg.solve_triangular(L, d, lower=True)
    w, _ = scipy.optimize.nnls(L.T, b)
    return (h + w,)
