using MathNet.Numerics.LinearAlgebra;

namespace MixLab.Numerics;

/// <summary>
/// Ordinary least squares min ‖Xβ − y‖² by QR (Math.NET), used to turn a guess of a law's nonlinear exponents
/// into the best linear coefficients (variable projection), which gives good starting points.
/// </summary>
public static class LinearLeastSquares
{
    /// <summary>Solves for β; returns null when X is rank-deficient or the solution is not finite.</summary>
    public static double[]? Solve(double[,] x, double[] y)
    {
        var m = Matrix<double>.Build.DenseOfArray(x);
        if (m.RowCount < m.ColumnCount) return null;
        try
        {
            var qr = m.QR();
            // Math.NET's IsFullRank tests for exact zeros on R's diagonal; a relative test also catches near-collinear columns.
            var diagonal = Enumerable.Range(0, m.ColumnCount).Select(i => Math.Abs(qr.R[i, i])).ToArray();
            if (!qr.IsFullRank || diagonal.Min() <= 1e-12 * diagonal.Max()) return null;
            var beta = qr.Solve(Vector<double>.Build.DenseOfArray(y)).ToArray();
            return beta.All(double.IsFinite) ? beta : null;
        }
        catch (ArgumentException) { return null; }
    }
}
