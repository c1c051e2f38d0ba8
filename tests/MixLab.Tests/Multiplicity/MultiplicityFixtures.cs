using System.Globalization;
using MixLab.Multiplicity;
using MixLab.Numerics;

namespace MixLab.Tests.Multiplicity;

/// <summary>
/// Shared data and (expensive) analysis runs for the multiplicity tests. The breast-cancer analyses are computed once per
/// test run (lazily) and reused by every test class that needs them.
/// </summary>
internal static class MultiplicityFixtures
{
    public const string BreastCancerCsvName = "breast_cancer_wisconsin.csv";

    /// <summary>ε of the profile-likelihood link: χ²₁,₀.₉₅ / (2n) with n = 569 (multiplicity.md §2.4).</summary>
    public const double ChiSquareEpsilon = 0.0033756;

    /// <summary>
    /// Breast cancer (multiplicity.md §7, check 4): the first 10 columns (the "mean" features), standardised with the
    /// population standard deviation, target = last column ('benign'). Parsed here, independently of MixLab's CSV reader.
    /// </summary>
    public static LogisticData BreastCancer() => BreastCancerData.Value;

    private static readonly Lazy<LogisticData> BreastCancerData = new(() =>
    {
        var lines = File.ReadAllLines(TestData.SharedData(BreastCancerCsvName))
            .Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        if (header[^1] != "benign") throw new InvalidDataException($"last column is '{header[^1]}', expected 'benign'");
        const int k = 10;
        int n = lines.Length - 1;
        var features = new double[n][];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            var cells = lines[i + 1].Split(',');
            features[i] = cells.Take(k).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            labels[i] = (int)double.Parse(cells[^1], CultureInfo.InvariantCulture);
        }
        for (int j = 0; j < k; j++)
        {
            double mean = features.Average(r => r[j]);
            double sd = Math.Sqrt(features.Average(r => (r[j] - mean) * (r[j] - mean)));   // population SD
            foreach (var r in features) r[j] = (r[j] - mean) / sd;
        }
        return LogisticData.FromFeatures(features, labels, header.Take(k).ToArray());
    });

    /// <summary>ε of the λ = 0 breast-cancer run, in this order (check 4 tables, the χ² row, and check 6).</summary>
    public static readonly double[] UnregularisedEpsilons = [1e-4, 1e-3, 1e-2, ChiSquareEpsilon];

    /// <summary>ε of the λ = 0.01 breast-cancer run.</summary>
    public static readonly double[] RegularisedEpsilons = [1e-4, 1e-3, 1e-2];

    private static readonly Lazy<MultiplicityResult> Unregularised = new(() =>
        MultiplicityAnalysis.Run(BreastCancer(), new MultiplicityOptions { Lambda = 0, Epsilons = UnregularisedEpsilons }));

    private static readonly Lazy<MultiplicityResult> Regularised = new(() =>
        MultiplicityAnalysis.Run(BreastCancer(), new MultiplicityOptions { Lambda = 0.01, Epsilons = RegularisedEpsilons }));

    /// <summary>Breast cancer, λ = 0, ε = 1e-4, 1e-3, 1e-2, 0.0033756 (default δ = 0.1, τ = 0.5).</summary>
    public static MultiplicityResult BreastCancerUnregularised => Unregularised.Value;

    /// <summary>Breast cancer, λ = 0.01, ε = 1e-4, 1e-3, 1e-2.</summary>
    public static MultiplicityResult BreastCancerRegularised => Regularised.Value;

    /// <summary>A random logistic data set (fixed seed): n rows, k Gaussian features, labels drawn from a logistic model.</summary>
    public static (double[][] Features, int[] Labels) RandomLogistic(int n, int k, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var beta = Enumerable.Range(0, k).Select(j => j % 2 == 0 ? 0.8 : -0.5).ToArray();
        var features = new double[n][];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            features[i] = Enumerable.Range(0, k).Select(_ => rng.NextGaussian()).ToArray();
            double t = 0.3 + features[i].Zip(beta, (a, b) => a * b).Sum();
            labels[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-t)) ? 1 : 0;
        }
        return (features, labels);
    }

    /// <summary>KL(Bern(p) ‖ Bern(q)) in nats, with 0·log 0 = 0.</summary>
    public static double KlBernoulli(double p, double q)
    {
        double a = p > 0 ? p * Math.Log(p / q) : 0;
        double b = p < 1 ? (1 - p) * Math.Log((1 - p) / (1 - q)) : 0;
        return a + b;
    }

    /// <summary>
    /// The KL ball {q : KL(Bern(p) ‖ Bern(q)) ≤ radius} (multiplicity.md §3, §7 checks 1–2), each end found by bisection
    /// (KL is decreasing in q below p and increasing above it). An end reaching 0 or 1 is returned as such.
    /// </summary>
    public static (double Lo, double Hi) KlBall(double p, double radius)
    {
        double Solve(double inside, double outside)
        {
            if (KlBernoulli(p, outside) <= radius) return outside;
            double a = inside, b = outside;
            for (int i = 0; i < 200; i++)
            {
                double m = 0.5 * (a + b);
                if (KlBernoulli(p, m) <= radius) a = m; else b = m;
            }
            return 0.5 * (a + b);
        }
        return (p == 0 ? 0 : Solve(p, 1e-300), p == 1 ? 1 : Solve(p, 1 - 1e-16));
    }

    public static double Logit(double p) => Math.Log(p / (1 - p));

    /// <summary>The number of rows a share of <paramref name="n"/> stands for (tables give shares to 4 decimals).</summary>
    public static int Count(double share, int n) => (int)Math.Round(share * n);
}
