using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>F(w) = L(w) − ν·aᵀw and its gradient in one O(n·d) pass (the chord iterations need no Hessian).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double ValueGradient(LogisticData data, double lambda, ReadOnlySpan<double> w, Span<double> gradient, double nu, ReadOnlySpan<double> tilt)
    {
        int n = data.Rows, d = data.Columns;
        gradient.Clear();
        double sum = 0;
        var x = data.X;
        for (int i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * d, d);
            double t = Dot(row, w);
            bool positive = data.Y[i] == 1;
            sum += Softplus(positive ? -t : t);
            AddScaled(gradient, row, Sigmoid(t) - (positive ? 1 : 0));
        }
        double inv = 1.0 / n, penalty = 0;
        for (int a = 0; a < d; a++) gradient[a] *= inv;
        for (int j = 1; j < d; j++) { penalty += w[j] * w[j]; gradient[j] += 2 * lambda * w[j]; }
        double value = sum * inv + lambda * penalty;
        if (nu != 0)
        {
            value -= nu * Dot(tilt, w);
            for (int a = 0; a < d; a++) gradient[a] -= nu * tilt[a];
        }
        return value;
    }

    /// <summary>L(w), ∇L(w) and ∇²L(w) (row-major d × d); the tilt −ν·aᵀw is added to the value and gradient when <paramref name="tilt"/> is given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                AddScaled(hessian.Slice(a * d, a + 1), row[..(a + 1)], h * xa);   // lower triangle of Σ h_i x_i x_iᵀ
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

    /// <summary>a·b, four lanes at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int k = 0;
        double s = 0;
        if (Vector256.IsHardwareAccelerated && a.Length >= 8)
        {
            var acc = Vector256<double>.Zero;
            for (; k <= a.Length - 4; k += 4)
                acc = Vector256.FusedMultiplyAdd(Vector256.Create(a.Slice(k, 4)), Vector256.Create(b.Slice(k, 4)), acc);
            s = Vector256.Sum(acc);
        }
        for (; k < a.Length; k++) s += a[k] * b[k];
        return s;
    }

    /// <summary>target += scale · source, four lanes at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddScaled(Span<double> target, ReadOnlySpan<double> source, double scale)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated && target.Length >= 8)
        {
            var c = Vector256.Create(scale);
            for (; k <= target.Length - 4; k += 4)
                Vector256.FusedMultiplyAdd(Vector256.Create(source.Slice(k, 4)), c, Vector256.Create(target.Slice(k, 4))).CopyTo(target.Slice(k, 4));
        }
        for (; k < target.Length; k++) target[k] += scale * source[k];
    }
}
