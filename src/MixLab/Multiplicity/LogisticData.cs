namespace MixLab.Multiplicity;

/// <summary>
/// A binary classification data set for logistic regression: the design matrix with the intercept as column 0 (row-major,
/// n × d), labels in {0, 1}, and per-row ids and groups for reporting.
/// </summary>
public sealed record LogisticData(double[] X, int Rows, int Columns, byte[] Y, IReadOnlyList<string> FeatureNames, IReadOnlyList<string> Ids, IReadOnlyList<string>? Groups)
{
    /// <summary>Row i of the design matrix (intercept first).</summary>
    public ReadOnlySpan<double> Row(int i) => X.AsSpan(i * Columns, Columns);

    /// <summary>Builds data from feature rows without an intercept column (one is added).</summary>
    public static LogisticData FromFeatures(double[][] features, int[] labels, IReadOnlyList<string>? names = null, IReadOnlyList<string>? groups = null)
    {
        int n = features.Length, d = features.Length == 0 ? 1 : features[0].Length + 1;
        var x = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            if (features[i].Length != d - 1) throw new ArgumentException($"row {i} has {features[i].Length} features, row 0 has {d - 1}");
            x[i * d] = 1;
            for (int j = 1; j < d; j++) x[i * d + j] = features[i][j - 1];
        }
        var y = labels.Select(v => v is 0 or 1 ? (byte)v : throw new ArgumentException("labels must be 0 or 1")).ToArray();
        return new LogisticData(x, n, d, y, ["(intercept)", .. names ?? Enumerable.Range(1, d - 1).Select(j => $"x{j}")],
            Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), groups);
    }
}
