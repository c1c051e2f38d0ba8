using System.Runtime.InteropServices;

namespace MixLab.Multiplicity;

/// <summary>
/// The design matrix with identical feature rows merged (multiplicity.md §2.2: "compress to unique rows"): each unique x
/// carries how many rows have it and how many of those are positive, so the mean log-loss is
/// (1/n) Σ_u [c_u·softplus(x_uᵀw) − c⁺_u·x_uᵀw]. Rows are padded with zeros to a multiple of 4 columns and 4 rows (weights
/// 0) for the blocked kernels of <see cref="BatchedEndpoints"/>. Also maps every input row to its unique row, since rows
/// with the same x have the same viable prediction range whatever their labels (the tilt direction is x alone).
/// </summary>
internal sealed class CompressedRows
{
    /// <summary>Unique rows, row-major, <see cref="Stride"/> columns each (zeros past <see cref="Columns"/>).</summary>
    public double[] X { get; }
    /// <summary>Rows of each unique x (0 in the padding rows).</summary>
    public double[] Count { get; }
    /// <summary>Positive rows of each unique x.</summary>
    public double[] Positives { get; }
    /// <summary>Unique rows (without padding).</summary>
    public int Unique { get; }
    /// <summary>Rows including the zero padding (a multiple of 4).</summary>
    public int PaddedRows { get; }
    /// <summary>Columns of the data (intercept included).</summary>
    public int Columns { get; }
    /// <summary>Columns rounded up to a multiple of 4.</summary>
    public int Stride { get; }
    /// <summary>Input rows n.</summary>
    public int Rows { get; }
    /// <summary>For each input row, the index of its unique row.</summary>
    public int[] RowToUnique { get; }
    /// <summary>For each unique row, the first input row that has it.</summary>
    public int[] FirstRow { get; }

    public CompressedRows(LogisticData data)
    {
        int n = data.Rows, d = data.Columns;
        Rows = n; Columns = d; Stride = (d + 3) & ~3;
        var map = new Dictionary<int, int>(n, new RowComparer(data));
        RowToUnique = new int[n];
        var first = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (!map.TryGetValue(i, out int u)) { u = first.Count; map[i] = u; first.Add(i); }
            RowToUnique[i] = u;
        }
        FirstRow = [.. first];
        Unique = first.Count;
        PaddedRows = (Unique + 3) & ~3;
        X = new double[PaddedRows * Stride];
        Count = new double[PaddedRows];
        Positives = new double[PaddedRows];
        for (int u = 0; u < Unique; u++) data.Row(FirstRow[u]).CopyTo(X.AsSpan(u * Stride, d));
        for (int i = 0; i < n; i++)
        {
            Count[RowToUnique[i]] += 1;
            if (data.Y[i] == 1) Positives[RowToUnique[i]] += 1;
        }
    }

    private sealed class RowComparer(LogisticData data) : IEqualityComparer<int>
    {
        public bool Equals(int a, int b) => data.Row(a).SequenceEqual(data.Row(b));

        public int GetHashCode(int i)
        {
            var h = new HashCode();
            h.AddBytes(MemoryMarshal.AsBytes(data.Row(i)));
            return h.ToHashCode();
        }
    }
}
