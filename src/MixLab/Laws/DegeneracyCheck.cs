using MathNet.Numerics.LinearAlgebra;

namespace MixLab.Laws;

/// <summary>
/// Says when a fit is degenerate rather than returning it silently (laws.md check V8): a bounded parameter
/// ended on its bound, a parameter diverged, or the rows cannot identify the parameters (the Jacobian of the
/// predictions, columns scaled to unit length, is numerically rank-deficient, as in the s → 0, α → ∞ limit of
/// α·R^s + β fitted to four points).
/// </summary>
public static class DegeneracyCheck
{
    /// <summary>Condition number of the column-scaled Jacobian above which parameters count as unidentified.</summary>
    public const double MaxJacobianCondition = 1e7;

    /// <summary>Returns one message per problem found (empty when the fit is well posed).</summary>
    public static List<string> Find(BoundLaw law, ParameterTransform transform, double[] theta, IReadOnlyList<NamedValue> reported, double[] weights)
    {
        var problems = new List<string>();
        foreach (var p in transform.AtBound(theta))
            problems.Add($"degenerate: {p.Name} ended on its bound [{p.Lower:G4}, {p.Upper:G4}]; the data pull it further (a limit of the law, not a fit)");
        foreach (var v in reported)
            if (!double.IsFinite(v.Value) || Math.Abs(v.Value) > 1e12)
                problems.Add($"degenerate: {v.Name} = {v.Value:G4} diverged");
        double condition = JacobianCondition(law, theta, weights);
        if (!(condition < MaxJacobianCondition))
            problems.Add($"degenerate: the rows do not identify all parameters (scaled Jacobian condition number {condition:G3}); estimates move along a flat valley and only predictions near the data are meaningful");
        return problems;
    }

    /// <summary>Condition number of the Jacobian of the fitted rows' predictions, with unit-length columns.</summary>
    public static double JacobianCondition(BoundLaw law, double[] theta, double[] weights)
    {
        int p = law.Parameters.Count;
        var rows = Enumerable.Range(0, law.RowCount).Where(i => weights[i] > 0).ToArray();
        if (rows.Length < p) return double.PositiveInfinity;
        var j = Matrix<double>.Build.Dense(rows.Length, p);
        var g = new double[p];
        for (int r = 0; r < rows.Length; r++)
        {
            law.Predict(theta, rows[r], g);
            for (int k = 0; k < p; k++) j[r, k] = g[k];
        }
        for (int k = 0; k < p; k++)
        {
            double norm = j.Column(k).L2Norm();
            if (!(norm > 0) || !double.IsFinite(norm)) return double.PositiveInfinity;
            j.SetColumn(k, j.Column(k) / norm);
        }
        var s = j.Svd(computeVectors: false).S;
        double min = s.Minimum();
        return min > 0 ? s.Maximum() / min : double.PositiveInfinity;
    }
}
