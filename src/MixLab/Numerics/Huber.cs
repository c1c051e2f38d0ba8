namespace MixLab.Numerics;

/// <summary>
/// The Huber loss used by Hoffmann et al. (2022) Approach 3 and the Epoch AI replication:
/// Huber_δ(r) = ½ r² for |r| ≤ δ, δ(|r| − ½δ) otherwise (laws.md §3.1).
/// </summary>
public static class Huber
{
    /// <summary>Default δ of the Chinchilla protocol.</summary>
    public const double DefaultDelta = 1e-3;

    /// <summary>Huber_δ(r).</summary>
    public static double Value(double r, double delta)
    {
        double a = Math.Abs(r);
        return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
    }

    /// <summary>dHuber_δ/dr = r inside the quadratic zone, δ·sign(r) outside.</summary>
    public static double Derivative(double r, double delta)
    {
        if (r > delta) return delta;
        if (r < -delta) return -delta;
        return r;
    }

    /// <summary>
    /// log Z(δ), the normaliser of the Huber density p(x) ∝ exp(−Huber_δ(x)):
    /// Z(δ) = √(2π)·(1 − 2Φ̄(δ)) + 2·exp(−δ²/2)/δ, Φ̄ the standard normal survival function (laws.md §3.1).
    /// </summary>
    public static double LogNormaliser(double delta)
    {
        double survival = 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(delta / Math.Sqrt(2.0));
        return Math.Log(Math.Sqrt(2 * Math.PI) * (1 - 2 * survival) + 2 * Math.Exp(-0.5 * delta * delta) / delta);
    }
}
