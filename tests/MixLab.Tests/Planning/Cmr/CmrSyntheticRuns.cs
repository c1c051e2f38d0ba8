using System.Globalization;
using System.Text;
using MixLab.Numerics;
using MixLab.Planning.Cmr;
using MixLab.RunLogs;

namespace MixLab.Tests.Planning.Cmr;

/// <summary>
/// A known CPT law over the domain ratio R and the tokens T (in the paper's units of 0.2B tokens), and the run-log
/// tables it generates: one run per ratio, rows at tokens 0 with the pre-CPT losses, general and domain losses at
/// every checkpoint with seeded Gaussian noise.
/// </summary>
internal sealed class CmrSyntheticLaw
{
    public required Func<double, double, double> GeneralDelta { get; init; }
    public required Func<double, double, double> DomainDelta { get; init; }
    /// <summary>The turning point of ΔL_gen(R, ·), i.e. the λ → ∞ critical point T0(R).</summary>
    public required Func<double, double> Peak { get; init; }
    public double BaseGeneral { get; init; } = 2.60;
    public double BaseDomain { get; init; } = 2.20;

    /// <summary>
    /// The law of samples/generate.py's <c>cpt</c>: ΔL_dom = a(R)(T^−0.35 − 1), ΔL_gen = a(R) T^0.25 − b(R) T^0.45 with
    /// the general-loss peak at T* = 20 (1 + 4R).
    /// </summary>
    public static CmrSyntheticLaw SampleLaw { get; } = new()
    {
        DomainDelta = (r, t) => (0.15 + 0.40 * r) * (Math.Pow(t, -0.35) - 1),
        GeneralDelta = (r, t) =>
        {
            double a = 0.01 + 0.06 * r, peak = 20 * (1 + 4 * r), b = a * (0.25 / 0.45) * Math.Pow(peak, -0.2);
            return a * Math.Pow(t, 0.25) - b * Math.Pow(t, 0.45);
        },
        Peak = r => 20 * (1 + 4 * r),
    };

    /// <summary>Definition 2's set A at budget t: the largest R in [0, 1] with ΔL_gen(R, t) ≤ ε (ΔL_gen increasing in R).</summary>
    public double ToleranceBoundary(double t, double epsilon)
    {
        if (GeneralDelta(1, t) <= epsilon) return 1;
        if (GeneralDelta(0, t) > epsilon) return 0;
        double lo = 0, hi = 1;
        for (int i = 0; i < 200; i++)
        {
            double m = 0.5 * (lo + hi);
            if (GeneralDelta(m, t) > epsilon) hi = m; else lo = m;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>The T0 rule at budget t: the largest R in [0, 1] whose peak T0(R) ≤ t (T0 increasing in R).</summary>
    public double T0Boundary(double t)
    {
        if (Peak(1) <= t) return 1;
        if (Peak(0) > t) return 0;
        double lo = 0, hi = 1;
        for (int i = 0; i < 200; i++)
        {
            double m = 0.5 * (lo + hi);
            if (Peak(m) > t) hi = m; else lo = m;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>The true CMR at budget t: the smaller of the tolerance boundary and the T0 boundary.</summary>
    public double TrueCmr(double t, double epsilon) => Math.Min(ToleranceBoundary(t, epsilon), T0Boundary(t));

    /// <summary>The run-log CSV: one run per ratio, checkpoints <paramref name="units"/> (in 0.2B-token units).</summary>
    public string Csv(double[] ratios, double[] units, double noise, ulong seed, bool baseRows = true,
        Func<double, double>? tokenScale = null)
    {
        var rng = new SeededRandom(seed);
        var s = new StringBuilder("run,params,tokens,step,eval_domain,loss,mix.finance,mix.general\n");
        foreach (double ratio in ratios)
        {
            string name = "cpt-r" + ratio.ToString("0.000", CultureInfo.InvariantCulture);
            string mix = $"{F(ratio)},{F(1 - ratio)}";
            double scale = tokenScale?.Invoke(ratio) ?? 1;
            if (baseRows)
            {
                s.Append($"{name},460000000,0,0,general,{F(BaseGeneral)},{mix}\n");
                s.Append($"{name},460000000,0,0,finance,{F(BaseDomain)},{mix}\n");
            }
            foreach (double t in units)
            {
                double tokens = t * CmrLaw.PaperTokenUnit * scale;
                int step = (int)(t * CmrLaw.PaperTokenUnit / (512 * 4096));
                double general = BaseGeneral + GeneralDelta(ratio, t) + noise * rng.NextGaussian();
                double domain = BaseDomain + DomainDelta(ratio, t) + noise * rng.NextGaussian();
                s.Append($"{name},460000000,{F(tokens)},{step},general,{F(general)},{mix}\n");
                s.Append($"{name},460000000,{F(tokens)},{step},finance,{F(domain)},{mix}\n");
            }
        }
        return s.ToString();
    }

    public static double[] Checkpoints(double first, double step, int count) =>
        Enumerable.Range(0, count).Select(i => first + i * step).ToArray();

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Shared helpers of the CMR tests.</summary>
internal static class CmrTestData
{
    public static string SamplePath => Path.Combine(TestData.RepositoryRoot, "samples", "runs", "cpt-runs.csv");

    public static RunLogTable Sample() => RunLogReader.Read(SamplePath);

    /// <summary>The issue's options: general vs finance, ε = 0.05 absolute, T_max = 20e9 tokens.</summary>
    public static CmrOptions IssueOptions(int bootstrap = 0, int? threads = null) => new()
    {
        GeneralDomain = "general",
        TargetDomain = "finance",
        Epsilon = 0.05,
        TargetTokens = 20e9,
        BootstrapSamples = bootstrap,
        Threads = threads,
    };
}
