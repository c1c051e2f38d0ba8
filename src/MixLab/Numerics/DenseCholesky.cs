namespace MixLab.Numerics;

/// <summary>
/// Cholesky factorisation A = L Lᵀ of a small symmetric positive-definite matrix held row-major in a flat array, and
/// solves with it. Written here (rather than Math.NET's) because the multiplicity solver factorises thousands of
/// d × d Hessians per second on reused buffers, without allocation.
/// </summary>
internal sealed class DenseCholesky(int n)
{
    private readonly double[] _l = new double[n * n];

    /// <summary>Dimension.</summary>
    public int Size => n;

    /// <summary>Factorises <paramref name="a"/> (row-major n × n); false when it is not positive definite.</summary>
    public bool Factor(ReadOnlySpan<double> a)
    {
        var l = _l;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
                if (i == j)
                {
                    if (!(sum > 0)) return false;
                    l[i * n + i] = Math.Sqrt(sum);
                }
                else l[i * n + j] = sum / l[j * n + j];
            }
        }
        return true;
    }

    /// <summary>Takes over another factorisation of the same size.</summary>
    public void CopyFrom(DenseCholesky other) => Array.Copy(other._l, _l, _l.Length);

    /// <summary>Solves A x = b in place (b becomes x).</summary>
    public void Solve(Span<double> b)
    {
        var l = _l;
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= l[i * n + k] * b[k];
            b[i] = sum / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int k = i + 1; k < n; k++) sum -= l[k * n + i] * b[k];
            b[i] = sum / l[i * n + i];
        }
    }
}
