using System.Runtime.CompilerServices;

namespace MixLab.Multiplicity;

/// <summary>
/// The regularised mean log-loss of logistic regression, L(w) = (1/n) Σ log(1 + exp(−s_i x_iᵀw)) + λ Σ_{j≥1} w_j², s_i = 2y_i − 1,
/// intercept unpenalised (multiplicity.md §2), optionally tilted by a linear term, F(w) = L(w) − ν·aᵀw (method C, §2.3),
/// with its gradient and Hessian (1/n) Xᵀ diag(p(1 − p)) X + 2λ I_{1:} in one pass over the rows.
/// </summary>
internal static class LogisticLoss
{
    /// <summary>log(1 + e^z) without overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Softplus(double z) => z > 0 ? z + Math.Log(1 + Math.Exp(-z)) : Math.Log(1 + Math.Exp(z));

    /// <summary>σ(z) without overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>L(w) only.</summary>
    public static double Value(LogisticData data, double lambda, ReadOnlySpan<double> w)
    {
        int n = data.Rows, d = data.Columns;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double t = Dot(data.X.AsSpan(i * d, d), w);
            sum += Softplus(data.Y[i] == 1 ? -t : t);
        }
        double penalty = 0;
        for (int j = 1; j < d; j++) penalty += w[j] * w[j];
        return sum / n + lambda * penalty;
    }

    /// <summary>L(w), ∇L(w) and ∇²L(w) (row-major d × d); the tilt −ν·aᵀw is added to the value and gradient when <paramref name="tilt"/> is given.</summary>
    public static double ValueGradientHessian(LogisticData data, double lambda, ReadOnlySpan<double> w, Span<double> gradient, Span<double> hessian,
        double nu = 0, ReadOnlySpan<double> tilt = default)
    {
        int n = data.Rows, d = data.Columns;
        gradient.Clear();
        hessian.Clear();
        double sum = 0;
        var x = data.X;
        for (int i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * d, d);
            double t = Dot(row, w);
            double p = Sigmoid(t);
            bool positive = data.Y[i] == 1;
            sum += Softplus(positive ? -t : t);
            double r = p - (positive ? 1 : 0);       // d loss_i / dt
            double h = p * (1 - p);
            for (int a = 0; a < d; a++)
            {
                double xa = row[a];
                gradient[a] += r * xa;
                double hx = h * xa;
                var hrow = hessian.Slice(a * d, d);
                for (int b = 0; b <= a; b++) hrow[b] += hx * row[b];
            }
        }
        double inv = 1.0 / n, penalty = 0;
        for (int a = 0; a < d; a++)
        {
            gradient[a] *= inv;
            for (int b = 0; b <= a; b++) { hessian[a * d + b] *= inv; hessian[b * d + a] = hessian[a * d + b]; }
        }
        for (int j = 1; j < d; j++) { penalty += w[j] * w[j]; gradient[j] += 2 * lambda * w[j]; hessian[j * d + j] += 2 * lambda; }
        double value = sum * inv + lambda * penalty;
        if (nu != 0)
        {
            value -= nu * Dot(tilt, w);
            for (int a = 0; a < d; a++) gradient[a] -= nu * tilt[a];
        }
        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++) s += a[k] * b[k];
        return s;
    }
}
